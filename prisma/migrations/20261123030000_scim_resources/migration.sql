-- citext: case-insensitive text for the attributes RFC 7643 marks caseExact=false (userName, emails, names).
CREATE EXTENSION IF NOT EXISTS citext;

-- CreateTable
CREATE TABLE "DirectoryUser" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "directoryId" TEXT NOT NULL,
    "userName" CITEXT NOT NULL,
    "externalId" TEXT,
    "email" CITEXT,
    "givenName" CITEXT,
    "familyName" CITEXT,
    "displayName" CITEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "attributes" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DirectoryUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DirectoryGroup" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "directoryId" TEXT NOT NULL,
    "displayName" CITEXT NOT NULL,
    "externalId" TEXT,
    "attributes" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DirectoryGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupMember" (
    "organizationId" TEXT NOT NULL,
    "directoryId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "display" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GroupMember_pkey" PRIMARY KEY ("groupId","userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "DirectoryUser_directoryId_id_key" ON "DirectoryUser"("directoryId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "DirectoryUser_directoryId_userName_key" ON "DirectoryUser"("directoryId", "userName");

-- CreateIndex
CREATE INDEX "DirectoryUser_directoryId_externalId_idx" ON "DirectoryUser"("directoryId", "externalId");

-- CreateIndex
CREATE INDEX "DirectoryUser_directoryId_email_idx" ON "DirectoryUser"("directoryId", "email");

-- CreateIndex
CREATE INDEX "DirectoryUser_directoryId_givenName_idx" ON "DirectoryUser"("directoryId", "givenName");

-- CreateIndex
CREATE INDEX "DirectoryUser_directoryId_familyName_idx" ON "DirectoryUser"("directoryId", "familyName");

-- CreateIndex
CREATE INDEX "DirectoryUser_directoryId_displayName_idx" ON "DirectoryUser"("directoryId", "displayName");

-- CreateIndex
CREATE INDEX "DirectoryUser_directoryId_active_idx" ON "DirectoryUser"("directoryId", "active");

-- CreateIndex
CREATE INDEX "DirectoryUser_organizationId_idx" ON "DirectoryUser"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "DirectoryGroup_directoryId_id_key" ON "DirectoryGroup"("directoryId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "DirectoryGroup_directoryId_displayName_key" ON "DirectoryGroup"("directoryId", "displayName");

-- CreateIndex
CREATE INDEX "DirectoryGroup_directoryId_externalId_idx" ON "DirectoryGroup"("directoryId", "externalId");

-- CreateIndex
CREATE INDEX "DirectoryGroup_organizationId_idx" ON "DirectoryGroup"("organizationId");

-- CreateIndex
CREATE INDEX "GroupMember_directoryId_userId_idx" ON "GroupMember"("directoryId", "userId");

-- CreateIndex
CREATE INDEX "GroupMember_organizationId_idx" ON "GroupMember"("organizationId");

-- AddForeignKey
ALTER TABLE "DirectoryUser" ADD CONSTRAINT "DirectoryUser_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectoryUser" ADD CONSTRAINT "DirectoryUser_directoryId_organizationId_fkey" FOREIGN KEY ("directoryId", "organizationId") REFERENCES "Directory"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectoryGroup" ADD CONSTRAINT "DirectoryGroup_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectoryGroup" ADD CONSTRAINT "DirectoryGroup_directoryId_organizationId_fkey" FOREIGN KEY ("directoryId", "organizationId") REFERENCES "Directory"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMember" ADD CONSTRAINT "GroupMember_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMember" ADD CONSTRAINT "GroupMember_directoryId_organizationId_fkey" FOREIGN KEY ("directoryId", "organizationId") REFERENCES "Directory"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMember" ADD CONSTRAINT "GroupMember_directoryId_groupId_fkey" FOREIGN KEY ("directoryId", "groupId") REFERENCES "DirectoryGroup"("directoryId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMember" ADD CONSTRAINT "GroupMember_directoryId_userId_fkey" FOREIGN KEY ("directoryId", "userId") REFERENCES "DirectoryUser"("directoryId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
