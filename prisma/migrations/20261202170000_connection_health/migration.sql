-- Connection health: the state the periodic check last saw for each directory, so that a change of state
-- emits exactly one event (dsync.connection.failing / recovered / silent). Nothing here is written by a SCIM
-- request: the state is derived from the sync log.
CREATE TABLE "DirectoryHealth" (
    "directoryId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "changedAt" TIMESTAMPTZ(3) NOT NULL,
    "checkedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DirectoryHealth_pkey" PRIMARY KEY ("directoryId")
);

CREATE INDEX "DirectoryHealth_organizationId_idx" ON "DirectoryHealth"("organizationId");

ALTER TABLE "DirectoryHealth" ADD CONSTRAINT "DirectoryHealth_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DirectoryHealth" ADD CONSTRAINT "DirectoryHealth_directoryId_organizationId_fkey" FOREIGN KEY ("directoryId", "organizationId") REFERENCES "Directory"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;
