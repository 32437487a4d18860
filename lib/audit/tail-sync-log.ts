import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "@/lib/db/sql";
import { scopeConditions, SYNC_LOG_COLUMNS, type SyncLogRow, type SyncLogScope } from "./query-sync-log";

const CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";

/**
 * How far behind the clock the tail reads. An entry's id is minted when its request starts and the row
 * becomes visible when the request's transaction commits; reading only ids older than this gives a SCIM write
 * (tens of milliseconds) time to commit, so the tail does not move past an entry that is about to appear.
 */
const COMMIT_LAG_MS = 1000;
const BATCH = 500;

/** The smallest id newId("log") can mint at `ms`: ids are `log_` + 10 base32 time characters + 16 random ones. */
export function syncLogIdAt(ms: number): string {
  let time = "";
  let t = Math.max(0, Math.floor(ms));
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  return `log_${time}${"0".repeat(16)}`;
}

/**
 * The live sync log: polls every `pollMs` for entries after the last one sent, oldest first, until `signal`
 * aborts. Starts after `after` (an entry id, as EventSource resends in Last-Event-ID), else with the requests
 * that start from now on. Polling keeps the server stateless: any instance can serve any tail, and a reconnect
 * resumes where it left off.
 */
export async function* tailSyncLog({ scope, after, signal, pollMs = 500 }: { scope: SyncLogScope; after?: string; signal: AbortSignal; pollMs?: number }): AsyncGenerator<SyncLogRow> {
  let cursor = after ?? syncLogIdAt(Date.now());
  while (!signal.aborted) {
    const params: unknown[] = [];
    const where: string[] = [];
    scopeConditions(scope, where, params);
    where.push(`"id" > $${params.push(cursor)}`, `"id" < $${params.push(syncLogIdAt(Date.now() - COMMIT_LAG_MS))}`);
    const rows = await sql.query<SyncLogRow>(`SELECT ${SYNC_LOG_COLUMNS} FROM "SyncLogEntry" WHERE ${where.join(" AND ")} ORDER BY "id" ASC LIMIT ${BATCH}`, params);
    for (const row of rows) {
      if (signal.aborted) return;
      cursor = row.id;
      yield row;
    }
    // A full batch means a backlog: read on at once instead of waiting.
    if (rows.length < BATCH) await sleep(pollMs, undefined, { signal }).catch(() => undefined);
  }
}
