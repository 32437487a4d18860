import { sql } from "@/lib/db/sql";

/**
 * Deletes sync-log entries older than the retention period, in batches so that a large backlog never holds
 * a long lock or a huge transaction. Returns how many were deleted.
 */
export async function pruneSyncLog({ retentionDays, batchSize = 5000 }: { retentionDays: number; batchSize?: number }): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await sql.execute(
      `DELETE FROM "SyncLogEntry" WHERE "id" IN (
         SELECT "id" FROM "SyncLogEntry" WHERE "createdAt" < now() - make_interval(days => $1) LIMIT $2
       )`,
      [retentionDays, batchSize],
    );
    total += deleted;
    if (deleted < batchSize) break;
  }
  // The console's hourly counters are read for the last 24 hours only (lib/audit/sync-log-hourly-counts.ts).
  await sql.execute(`DELETE FROM "SyncLogHourlyCount" WHERE "hour" < now() - interval '2 days'`);
  return total;
}
