import { describeSyncLogEntry, type SyncLogDescription } from "@/lib/audit/describe-sync-log-entry";
import { querySyncLog } from "@/lib/audit/query-sync-log";
import { sql } from "@/lib/db/sql";
import { judgeRecentRequests, RECENT_REQUESTS } from "./judge-recent-requests";

export type LatestSyncRequest = {
  id: string;
  createdAt: string;
  method: string;
  status: number;
  description: SyncLogDescription;
} | null;

/**
 * The newest request the identity provider sent to the directory, in words, the verdict on its recent requests,
 * and whether any request has worked yet: what the connection test shows while the admin clicks "Test
 * Connection" in the provider.
 */
export async function getLatestSyncRequest({ organizationId, directoryId, provider }: { organizationId: string; directoryId: string; provider: string }) {
  const [{ data }, [worked]] = await Promise.all([
    querySyncLog({ organizationId, directoryId, limit: RECENT_REQUESTS }),
    sql.query<{ ok: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM "SyncLogEntry" WHERE "organizationId" = $1 AND "directoryId" = $2 AND "status" < 400) AS "ok"`,
      [organizationId, directoryId],
    ),
  ]);
  const row = data[0];
  const latest: LatestSyncRequest = row
    ? { id: row.id, createdAt: row.createdAt.toISOString(), method: row.method, status: row.status, description: describeSyncLogEntry(row, provider) }
    : null;
  return { latest, recent: judgeRecentRequests(data), anySucceeded: worked?.ok ?? false };
}
