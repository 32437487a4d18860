/**
 * The console's "last 24 hours" figures come from SyncLogHourlyCount (kept by a trigger on SyncLogEntry, see
 * migration 20261204110000_console_search_and_counts), not from counting a day of log on every page load. They
 * cover whole hours in UTC: the current hour and the 23 before it, so between 23 and 24 hours and never an
 * entry older than a day.
 */
export const HOURS_COUNTED = 24;

/** The first hour (UTC) whose counters the "last 24 hours" figures add up. */
export function countedSince(now: number = Date.now()): Date {
  const hour = Math.floor(now / 3_600_000) * 3_600_000;
  return new Date(hour - (HOURS_COUNTED - 1) * 3_600_000);
}

/**
 * A lateral subquery giving `requests` and `errors` for the rows of SyncLogHourlyCount `c` that `match` selects
 * (for example `c."directoryId" = d."id"`) from the hour in parameter `$since`.
 */
export function hourlyCountsSql(match: string, since: string): string {
  return `SELECT COALESCE(sum(c."requests"), 0)::int AS "requests", COALESCE(sum(c."failures"), 0)::int AS "errors"
            FROM "SyncLogHourlyCount" c WHERE ${match} AND c."hour" >= ${since}`;
}
