import { sql } from "@/lib/db/sql";

/** One sync-log entry, as the management API and the console read it. */
export type SyncLogRow = {
  id: string;
  createdAt: Date;
  organizationId: string;
  directoryId: string;
  method: string;
  path: string;
  query: string | null;
  status: number;
  latencyMs: number;
  tokenPrefix: string | null;
  clientIp: string | null;
  userAgent: string | null;
  resourceType: string | null;
  resourceId: string | null;
  actions: string[];
  subject: string | null;
  scimType: string | null;
  errorDetail: string | null;
  requestBody: unknown;
  /** Requests this entry stands for: more than 1 only for unauthenticated repeats within a minute. */
  repeatCount: number;
};

export const SYNC_LOG_COLUMNS = `"id", "createdAt", "organizationId", "directoryId", "method", "path", "query", "status", "latencyMs",
  "tokenPrefix", "clientIp", "userAgent", "resourceType", "resourceId", COALESCE("actions", '{}') AS "actions", "subject"::text AS "subject",
  "scimType", "errorDetail", "requestBody", "repeatCount"`;

export type SyncLogScope = { organizationId?: string; directoryId?: string };

export type SyncLogFilter = SyncLogScope & {
  /** A status class ("2xx", "4xx", "5xx"), "error" (every 4xx and 5xx), or one exact status code. */
  status?: string;
  /** Entries whose actions include this one, e.g. user.created. */
  action?: string;
  since?: Date;
  until?: Date;
  /** Text in the subject (the userName, email or group name the request was about), any case; or the resource id. */
  q?: string;
};

/** Adds the scope's conditions to `where`, with bound parameters. Every sync-log read goes through here. */
export function scopeConditions({ organizationId, directoryId }: SyncLogScope, where: string[], params: unknown[]) {
  if (organizationId) where.push(`"organizationId" = $${params.push(organizationId)}`);
  if (directoryId) where.push(`"directoryId" = $${params.push(directoryId)}`);
}

/**
 * One page of the sync log, newest first. Ids are time-ordered, so the cursor is the last entry's id and each
 * page walks the ("organizationId", "id") or ("directoryId", "id") index backwards from it; an entry written
 * while someone pages never shifts a page.
 */
export async function querySyncLog(filter: SyncLogFilter & { limit: number; after?: string }) {
  const params: unknown[] = [];
  const where: string[] = [];
  scopeConditions(filter, where, params);
  if (filter.status !== undefined) {
    const klass = /^([1-5])xx$/i.exec(filter.status);
    if (filter.status === "error") where.push(`"status" >= 400`);
    else if (klass) where.push(`"status" >= $${params.push(Number(klass[1]) * 100)} AND "status" < $${params.push(Number(klass[1]) * 100 + 100)}`);
    else where.push(`"status" = $${params.push(Number(filter.status))}`);
  }
  if (filter.action) where.push(`$${params.push(filter.action)} = ANY("actions")`);
  if (filter.since) where.push(`"createdAt" >= $${params.push(filter.since)}`);
  if (filter.until) where.push(`"createdAt" < $${params.push(filter.until)}`);
  if (filter.q) {
    const q = params.push(filter.q);
    where.push(`(strpos(lower("subject"::text), lower($${q})) > 0 OR "resourceId" = $${q})`);
  }
  if (filter.after) where.push(`"id" < $${params.push(filter.after)}`);
  const rows = await sql.query<SyncLogRow>(
    `SELECT ${SYNC_LOG_COLUMNS} FROM "SyncLogEntry" ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY "id" DESC LIMIT ${filter.limit + 1}`,
    params,
  );
  const data = rows.slice(0, filter.limit);
  return { data, nextCursor: rows.length > filter.limit ? data.at(-1)!.id : null };
}
