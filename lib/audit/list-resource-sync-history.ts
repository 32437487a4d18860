import { sql } from "@/lib/db/sql";
import { SYNC_LOG_COLUMNS, type SyncLogRow } from "./query-sync-log";

/**
 * The requests about one directory user or group, newest first: when, with which token, what it changed.
 * Walks ("directoryId", "resourceId", "id"), so it stays fast in a directory with millions of log entries.
 */
export async function listResourceSyncHistory({ organizationId, directoryId, resourceId, limit = 50 }: { organizationId: string; directoryId: string; resourceId: string; limit?: number }): Promise<SyncLogRow[]> {
  return sql.query<SyncLogRow>(
    `SELECT ${SYNC_LOG_COLUMNS} FROM "SyncLogEntry"
      WHERE "directoryId" = $1 AND "resourceId" = $2 AND "organizationId" = $3
      ORDER BY "id" DESC LIMIT ${Math.min(Math.max(1, Math.floor(limit)), 200)}`,
    [directoryId, resourceId, organizationId],
  );
}
