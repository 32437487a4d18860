import { syncLogIdAt } from "@/lib/audit/tail-sync-log";
import { byKeyNewestFirst } from "@/lib/db/by-key-newest-first";
import { sql } from "@/lib/db/sql";
import { deriveConnectionHealth, SCIM_TIMEOUT_MS, SERVER_ERROR_BURST, SERVER_ERROR_WINDOW_MS, FAILING_AFTER_FAILURES, type ConnectionHealth, type HealthStats } from "./connection-health";

/**
 * A request that tells the connection is broken: a refused token, our server error, or too slow to answer.
 * Not a 409 for a duplicate, a 404 for a user the provider checks before creating it, nor the 403s that
 * deprovision-only mode sends on purpose: those are the connection working. `l` is the SyncLogEntry alias.
 */
export const CONNECTION_FAILURE_SQL = `(l."status" = 401 OR l."status" >= 500 OR l."latencyMs" >= ${SCIM_TIMEOUT_MS})`;
const FAILURE = CONNECTION_FAILURE_SQL;
const SERVER_FAILURE = `(l."status" >= 500 OR l."latencyMs" >= ${SCIM_TIMEOUT_MS})`;

type Row = {
  directoryId: string;
  organizationId: string;
  provider: string;
  lastRequestAt: Date | null;
  lastSuccessAt: Date | null;
  firstFailureAt: Date | null;
  failuresSinceSuccess: number;
  lastFailureStatus: number | null;
  lastFailureLatencyMs: number | null;
  recentServerErrors: number;
  firstRecentServerErrorAt: Date | null;
};

export type DirectoryHealthRow = { directoryId: string; organizationId: string; health: ConnectionHealth };

/**
 * Connection health of the directories that match, read from the sync log when asked, so that nothing is added
 * to a SCIM request. Every part is a short walk of the ("directoryId", "id") index from its newest end (ids
 * are time-ordered): the newest entry, the newest entry that worked, the first failure after it, the failures
 * since (counted up to a small cap of entries; an entry of collapsed unauthenticated requests counts each of its
 * repeats, so a burst of 401s folded into one row still turns the connection failing) and the server errors of the last 15 minutes (an id range). A directory
 * that has been failing for days still costs only a bounded scan per part.
 */
export async function loadConnectionHealth(scope: { organizationIds?: string[]; directoryIds?: string[]; all?: true }, now = new Date()): Promise<DirectoryHealthRow[]> {
  const params: unknown[] = [syncLogIdAt(now.getTime() - SERVER_ERROR_WINDOW_MS)];
  const where: string[] = [];
  if (scope.organizationIds) where.push(`d."organizationId" = ANY($${params.push(scope.organizationIds)}::text[])`);
  if (scope.directoryIds) where.push(`d."id" = ANY($${params.push(scope.directoryIds)}::text[])`);
  if (where.length === 0 && !scope.all) throw new Error("loadConnectionHealth needs organisations, directories or all");
  // Each walk keyed to its directory through ("directoryId", "id"), never the log's primary key (see byKeyNewestFirst).
  const dir = byKeyNewestFirst("l", "directoryId", `d."id"`);
  const rows = await sql.query<Row>(
    `SELECT d."id" AS "directoryId", d."organizationId", d."provider"::text AS "provider",
            last."createdAt" AS "lastRequestAt", ok."createdAt" AS "lastSuccessAt",
            first."createdAt" AS "firstFailureAt",
            (SELECT COALESCE(sum(s."repeatCount"), 0)::int FROM (SELECT l."repeatCount" FROM "SyncLogEntry" l
               WHERE ${dir.where} AND l."id" > COALESCE(ok."id", '') ORDER BY ${dir.newestFirst} LIMIT ${FAILING_AFTER_FAILURES * 10}) s) AS "failuresSinceSuccess",
            CASE WHEN ok."id" IS DISTINCT FROM last."id" THEN last."status" END AS "lastFailureStatus",
            CASE WHEN ok."id" IS DISTINCT FROM last."id" THEN last."latencyMs" END AS "lastFailureLatencyMs",
            burst."count" AS "recentServerErrors", burst."firstAt" AS "firstRecentServerErrorAt"
       FROM "Directory" d
       LEFT JOIN LATERAL (SELECT l."id", l."createdAt", l."status", l."latencyMs" FROM "SyncLogEntry" l WHERE ${dir.where} ORDER BY ${dir.newestFirst} LIMIT 1) last ON true
       LEFT JOIN LATERAL (SELECT l."id", l."createdAt" FROM "SyncLogEntry" l WHERE ${dir.where} AND NOT ${FAILURE} ORDER BY ${dir.newestFirst} LIMIT 1) ok ON true
       LEFT JOIN LATERAL (SELECT l."createdAt" FROM "SyncLogEntry" l WHERE ${dir.where} AND l."id" > COALESCE(ok."id", '') ORDER BY ${dir.oldestFirst} LIMIT 1) first ON true
       LEFT JOIN LATERAL (
         SELECT count(*)::int AS "count", min(s."createdAt") AS "firstAt" FROM (
           SELECT l."createdAt" FROM "SyncLogEntry" l WHERE ${dir.where} AND l."id" >= $1 AND ${SERVER_FAILURE} ORDER BY ${dir.newestFirst} LIMIT ${SERVER_ERROR_BURST * 20}) s
       ) burst ON true
      ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY d."id"`,
    params,
  );
  return rows.map((row) => ({ directoryId: row.directoryId, organizationId: row.organizationId, health: deriveConnectionHealth(toStats(row), now) }));
}

function toStats(row: Row): HealthStats {
  return {
    provider: row.provider,
    lastRequestAt: row.lastRequestAt,
    lastSuccessAt: row.lastSuccessAt,
    firstFailureAt: row.firstFailureAt,
    failuresSinceSuccess: row.failuresSinceSuccess,
    lastFailureStatus: row.lastFailureStatus,
    lastFailureSlow: (row.lastFailureLatencyMs ?? 0) >= SCIM_TIMEOUT_MS,
    recentServerErrors: row.recentServerErrors,
    firstRecentServerErrorAt: row.firstRecentServerErrorAt,
  };
}

/** One directory's health, or null when it is not in that organisation. */
export async function getConnectionHealth({ organizationId, directoryId }: { organizationId: string; directoryId: string }, now = new Date()): Promise<ConnectionHealth | null> {
  const [row] = await loadConnectionHealth({ organizationIds: [organizationId], directoryIds: [directoryId] }, now);
  return row?.health ?? null;
}

const SEVERITY: Record<ConnectionHealth["state"], number> = { failing: 3, silent: 2, awaiting_first_request: 1, healthy: 0 };

/** Each organisation's most worrying directory, for lists that show one state per organisation. */
export async function loadWorstHealthByOrganization(organizationIds: string[], now = new Date()): Promise<Map<string, ConnectionHealth>> {
  const worst = new Map<string, ConnectionHealth>();
  if (organizationIds.length === 0) return worst;
  for (const row of await loadConnectionHealth({ organizationIds }, now)) {
    const seen = worst.get(row.organizationId);
    if (!seen || SEVERITY[row.health.state] > SEVERITY[seen.state]) worst.set(row.organizationId, row.health);
  }
  return worst;
}
