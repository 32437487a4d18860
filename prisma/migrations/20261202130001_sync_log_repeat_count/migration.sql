-- Issue 12, item 11: unauthenticated SCIM requests are counted per directory, client address and minute in one
-- entry instead of one row each. Partial, so the ordinary entries (collapseKey NULL) add nothing to this index;
-- schema.prisma cannot say "partial", and lib/db/schema-match.test.ts compares names, columns and uniqueness.
ALTER TABLE "SyncLogEntry" ADD COLUMN "repeatCount" INTEGER NOT NULL DEFAULT 1, ADD COLUMN "collapseKey" TEXT;
CREATE UNIQUE INDEX "SyncLogEntry_directoryId_collapseKey_key" ON "SyncLogEntry"("directoryId", "collapseKey") WHERE "collapseKey" IS NOT NULL;
