-- Directories that are pulled (Google Workspace, CSV imports) rather than pushed over SCIM (issue 14).

-- CreateEnum
CREATE TYPE "DirectorySource" AS ENUM ('scim', 'google', 'csv');

-- CreateEnum
CREATE TYPE "DirectorySyncStatus" AS ENUM ('running', 'succeeded', 'failed', 'held', 'discarded');

-- AlterTable
ALTER TABLE "Directory"
    ADD COLUMN "source" "DirectorySource" NOT NULL DEFAULT 'scim',
    ADD COLUMN "syncIntervalMinutes" INTEGER NOT NULL DEFAULT 30,
    ADD COLUMN "deactivationGuardPercent" INTEGER NOT NULL DEFAULT 30,
    ADD COLUMN "lastSyncAt" TIMESTAMPTZ(3),
    ADD COLUMN "nextSyncAt" TIMESTAMPTZ(3),
    ADD COLUMN "lastSyncOutcome" TEXT,
    ADD COLUMN "syncProblem" TEXT,
    ADD COLUMN "googleRefreshToken" TEXT,
    ADD COLUMN "googleConnectedBy" TEXT;

-- CreateTable
CREATE TABLE "DirectorySync" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "directoryId" TEXT NOT NULL,
    "source" "DirectorySource" NOT NULL,
    "trigger" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "status" "DirectorySyncStatus" NOT NULL DEFAULT 'running',
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "counts" JSONB NOT NULL DEFAULT '{}',
    "message" TEXT,
    "problems" JSONB,
    "fileName" TEXT,
    "rowCount" INTEGER,
    "snapshot" JSONB,

    CONSTRAINT "DirectorySync_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DirectorySync_directoryId_startedAt_idx" ON "DirectorySync"("directoryId", "startedAt");

-- CreateIndex
CREATE INDEX "DirectorySync_organizationId_idx" ON "DirectorySync"("organizationId");

-- AddForeignKey
ALTER TABLE "DirectorySync" ADD CONSTRAINT "DirectorySync_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectorySync" ADD CONSTRAINT "DirectorySync_directoryId_organizationId_fkey" FOREIGN KEY ("directoryId", "organizationId") REFERENCES "Directory"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;
