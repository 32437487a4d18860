import { z } from "zod";
import { toApiSyncLogEntry } from "@/lib/api/serializers";
import { sql } from "@/lib/db/sql";
import { describeSyncLogEntry } from "./describe-sync-log-entry";
import { querySyncLog, type SyncLogFilter } from "./query-sync-log";
import { OUTCOME_STATUS_CLASS, SYNC_LOG_ACTIONS, SYNC_LOG_OUTCOMES, type SyncLogOutcome, type SyncLogProvider } from "./sync-log-vocabulary";

/** One row of the live sync-log viewer: the management API's entry, in words, with its tenant named. JSON-safe. */
export type SyncLogViewEntry = ReturnType<typeof toApiSyncLogEntry> & {
  summary: string;
  outcome: SyncLogOutcome;
  advice: string | null;
  organization: { id: string; slug: string; name: string };
  directory: { id: string; name: string; provider: SyncLogProvider };
};

export type SyncLogViewPage = { data: SyncLogViewEntry[]; nextCursor: string | null };

export const SYNC_LOG_VIEW_MAX_LIMIT = 100;

/** Time ranges the console offers; each is turned into `since` when the request is parsed. */
export const SYNC_LOG_VIEW_RANGES = { "1h": 3_600_000, "24h": 86_400_000, "7d": 604_800_000 } as const;

const isoDateTime = (field: string) =>
  z.iso
    .datetime({ offset: true, error: `${field} must be an ISO 8601 date-time such as 2026-11-23T09:30:00Z` })
    .transform((value) => new Date(value));

/**
 * The viewer's query string (`?outcome=&action=&range=&since=&until=&q=&after=&limit=`), parsed the same way by
 * the setup portal's and the admin console's routes. Takes a URLSearchParams or a plain object; empty values count
 * as absent, since an HTML form sends them for controls left blank. The output spreads into `listSyncLogView`
 * beside the scope the route fixed.
 */
export const syncLogViewQuerySchema = z
  .preprocess(
    (input: unknown) => {
      const entries = input instanceof URLSearchParams ? [...input.entries()] : input !== null && typeof input === "object" ? Object.entries(input) : [];
      return Object.fromEntries(entries.filter(([, value]) => typeof value === "string" && value.trim() !== ""));
    },
    z.object({
      outcome: z.enum(["all", ...SYNC_LOG_OUTCOMES], { error: "outcome must be all, success, refused or failed" }).default("all"),
      action: z.enum(SYNC_LOG_ACTIONS, { error: "action must be one of the sync-log actions, such as user.created" }).optional(),
      range: z.enum(["1h", "24h", "7d", "all"], { error: "range must be 1h, 24h, 7d or all" }).optional(),
      since: isoDateTime("since").optional(),
      until: isoDateTime("until").optional(),
      q: z.string().trim().max(200, "q must be at most 200 characters").optional(),
      after: z.string().trim().max(100, "after must be at most 100 characters").optional(),
      limit: z.coerce
        .number({ error: "limit must be a whole number" })
        .int("limit must be a whole number")
        .min(1, "limit must be at least 1")
        .max(SYNC_LOG_VIEW_MAX_LIMIT, `limit must be at most ${SYNC_LOG_VIEW_MAX_LIMIT}`)
        .default(25),
    }),
  )
  .transform(({ outcome, range, since, ...rest }) => {
    // A range is relative to now; with an explicit `since` as well, the later of the two wins.
    const rangeStart = range && range !== "all" ? new Date(Date.now() - SYNC_LOG_VIEW_RANGES[range]) : undefined;
    const start = rangeStart && since ? new Date(Math.max(rangeStart.getTime(), since.getTime())) : (rangeStart ?? since);
    return {
      ...rest,
      ...(start && { since: start }),
      ...(outcome !== "all" && { status: OUTCOME_STATUS_CLASS[outcome] }),
    } satisfies Omit<SyncLogFilter, "organizationId" | "directoryId"> & { limit: number; after?: string };
  });

export type SyncLogViewQuery = z.output<typeof syncLogViewQuerySchema>;

type TenantRow = { directoryId: string; directoryName: string; provider: SyncLogProvider; organizationId: string; slug: string; organizationName: string };

/**
 * One page of the sync log for the viewer, newest first, read through `querySyncLog` and scoped by the same
 * filter: the portal passes its organisation and directory, the console may pass neither (every tenant). The
 * directories and organisations on the page are read in one more query, scoped the same way.
 */
export async function listSyncLogView(filter: SyncLogFilter & { limit: number; after?: string }): Promise<SyncLogViewPage> {
  const page = await querySyncLog(filter);
  const directoryIds = [...new Set(page.data.map((e) => e.directoryId))];
  const tenants = new Map<string, TenantRow>();
  if (directoryIds.length > 0) {
    const params: unknown[] = [directoryIds];
    const where = [`d."id" = ANY($1::text[])`];
    if (filter.organizationId) where.push(`d."organizationId" = $${params.push(filter.organizationId)}`);
    if (filter.directoryId) where.push(`d."id" = $${params.push(filter.directoryId)}`);
    const rows = await sql.query<TenantRow>(
      `SELECT d."id" AS "directoryId", d."name" AS "directoryName", d."provider"::text AS "provider",
              o."id" AS "organizationId", o."slug", o."name" AS "organizationName"
         FROM "Directory" d JOIN "Organization" o ON o."id" = d."organizationId"
        WHERE ${where.join(" AND ")}`,
      params,
    );
    for (const row of rows) tenants.set(row.directoryId, row);
  }
  const data: SyncLogViewEntry[] = [];
  for (const entry of page.data) {
    const tenant = tenants.get(entry.directoryId);
    // Entries cascade with their directory, so a missing one was deleted between the two reads: its entries are gone too.
    if (!tenant || tenant.organizationId !== entry.organizationId) continue;
    const { summary, outcome, advice } = describeSyncLogEntry(entry, tenant.provider);
    data.push({
      ...toApiSyncLogEntry(entry),
      summary,
      outcome,
      advice: advice ?? null,
      organization: { id: tenant.organizationId, slug: tenant.slug, name: tenant.organizationName },
      directory: { id: tenant.directoryId, name: tenant.directoryName, provider: tenant.provider },
    });
  }
  return { data, nextCursor: page.nextCursor };
}
