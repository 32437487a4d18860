-- Issue 15, part 4: a console that answers fast at 100,000 users and a million sync-log entries.

-- Console search finds text anywhere inside a userName, email or name ("hamilton" in "margaret.hamilton@…").
-- A B-tree cannot answer "contains"; pg_trgm's GIN indexes answer ILIKE '%term%' for terms of 3 characters or
-- more. The columns are citext, which is binary-coercible to text, so the queries cast to text ("userName"::text
-- ILIKE …) and the planner matches these plain-column indexes.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "DirectoryUser_userName_idx" ON "DirectoryUser" USING gin ("userName" gin_trgm_ops);
CREATE INDEX "DirectoryUser_email_idx" ON "DirectoryUser" USING gin ("email" gin_trgm_ops);
CREATE INDEX "DirectoryUser_displayName_idx" ON "DirectoryUser" USING gin ("displayName" gin_trgm_ops);
CREATE INDEX "DirectoryUser_givenName_idx" ON "DirectoryUser" USING gin ("givenName" gin_trgm_ops);
CREATE INDEX "DirectoryUser_familyName_idx" ON "DirectoryUser" USING gin ("familyName" gin_trgm_ops);

-- The console's "last 24 hours" figures counted up to a day of sync log on every page load. These counters are
-- kept instead: per directory and hour, written by a trigger in the same statement (so the same transaction) as
-- the sync-log entries they count. `slot` spreads one directory's hour over 8 rows by server process, so
-- concurrent SCIM writes of one directory do not queue on one counter row's lock until they commit.
CREATE TABLE "SyncLogHourlyCount" (
    "directoryId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "slot" INTEGER NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "SyncLogHourlyCount_pkey" PRIMARY KEY ("directoryId", "hour", "slot")
);
CREATE INDEX "SyncLogHourlyCount_organizationId_hour_idx" ON "SyncLogHourlyCount"("organizationId", "hour");
ALTER TABLE "SyncLogHourlyCount" ADD CONSTRAINT "SyncLogHourlyCount_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SyncLogHourlyCount" ADD CONSTRAINT "SyncLogHourlyCount_directoryId_organizationId_fkey" FOREIGN KEY ("directoryId", "organizationId") REFERENCES "Directory"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- A failure is what the connection health counts (lib/directory-health: CONNECTION_FAILURE_SQL): a 401, a 5xx, or
-- 30 seconds or more. An entry counts once, as the console's figures always did (a collapsed entry of repeated
-- unauthenticated requests is one entry). A statement-level trigger: a statement inserting many entries adds one
-- upsert per directory and hour, not one per row.
CREATE FUNCTION "sync_log_count_hourly"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SyncLogHourlyCount" ("directoryId", "organizationId", "hour", "slot", "requests", "failures")
  SELECT n."directoryId", n."organizationId", date_trunc('hour', n."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', pg_backend_pid() % 8,
         count(*), count(*) FILTER (WHERE n."status" = 401 OR n."status" >= 500 OR n."latencyMs" >= 30000)
    FROM "new_entries" n
   GROUP BY 1, 2, 3
   ORDER BY 1, 3
  ON CONFLICT ("directoryId", "hour", "slot") DO UPDATE
     SET "requests" = "SyncLogHourlyCount"."requests" + EXCLUDED."requests",
         "failures" = "SyncLogHourlyCount"."failures" + EXCLUDED."failures";
  RETURN NULL;
END $$;
CREATE TRIGGER "SyncLogEntry_count_hourly" AFTER INSERT ON "SyncLogEntry"
  REFERENCING NEW TABLE AS "new_entries" FOR EACH STATEMENT EXECUTE FUNCTION "sync_log_count_hourly"();

-- The counters start from the log that exists: its last day (older hours are never read).
INSERT INTO "SyncLogHourlyCount" ("directoryId", "organizationId", "hour", "slot", "requests", "failures")
SELECT l."directoryId", l."organizationId", date_trunc('hour', l."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', 0,
       count(*), count(*) FILTER (WHERE l."status" = 401 OR l."status" >= 500 OR l."latencyMs" >= 30000)
  FROM "SyncLogEntry" l
 WHERE l."createdAt" >= now() - interval '25 hours'
 GROUP BY 1, 2, 3;
