import { sql } from "@/lib/db/sql";
import { newId } from "@/lib/ids";
import { syncLogIdAt } from "./tail-sync-log";

/**
 * Distinct client addresses a directory keeps apart per minute. Past it, the rest share one entry: the address
 * comes from a header the client may forge, and a flood with a fresh address on every request must not turn back
 * into one row per request.
 */
export const MAX_ADDRESSES_PER_MINUTE = 20;

export type UnauthenticatedRequest = {
  directoryId: string;
  method: string;
  path: string;
  query: string | null;
  clientIp: string | null;
  userAgent: string | null;
  /** The display-length prefix of a rejected token; null when none was sent. */
  tokenPrefix: string | null;
  detail: string;
  latencyMs: number;
};

/**
 * Records a SCIM request refused with 401 in the sync log of the directory its URL names, when that exists. Repeats
 * from one address within one minute add to a single entry's `repeatCount` instead of writing a row each (issue 12:
 * 200 requests with a wrong token left 200 rows of attacker-chosen text). The entry keeps the first request's
 * details. One statement: the directory lookup, the address cap and the upsert.
 */
export async function recordUnauthenticatedRequest(request: UnauthenticatedRequest, now = Date.now()): Promise<void> {
  const minute = Math.floor(now / 60_000);
  const address = request.clientIp ?? "";
  await sql.execute(
    `WITH directory AS (SELECT "organizationId" FROM "Directory" WHERE "id" = $2),
          seen AS (
            SELECT count(*) AS addresses, COALESCE(bool_or("collapseKey" = $12), false) AS mine
              FROM "SyncLogEntry" WHERE "directoryId" = $2 AND "id" >= $13 AND "collapseKey" IS NOT NULL
          ),
          overflow AS (SELECT addresses >= $14 AND NOT mine AS yes FROM seen)
     INSERT INTO "SyncLogEntry" ("id", "organizationId", "directoryId", "method", "path", "query", "status", "latencyMs",
        "tokenPrefix", "clientIp", "userAgent", "errorDetail", "collapseKey")
     SELECT $1, d."organizationId", $2, $3, $4, $5, 401, $6, $7,
            CASE WHEN o.yes THEN NULL ELSE $8 END, $9, $10, CASE WHEN o.yes THEN $11 ELSE $12 END
       FROM directory d, overflow o
     ON CONFLICT ("directoryId", "collapseKey") WHERE "collapseKey" IS NOT NULL
     DO UPDATE SET "repeatCount" = "SyncLogEntry"."repeatCount" + 1`,
    [
      newId("log"), request.directoryId, request.method, request.path, request.query, request.latencyMs, request.tokenPrefix,
      request.clientIp, request.userAgent, request.detail, `${minute}|*`, `${minute}|${address}`,
      syncLogIdAt(minute * 60_000), MAX_ADDRESSES_PER_MINUTE,
    ],
  );
}
