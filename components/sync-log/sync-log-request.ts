import type { SyncLogViewPage } from "@/lib/audit/list-sync-log-view";
import { SYNC_LOG_ACTIONS, SYNC_LOG_OUTCOMES, type SyncLogAction, type SyncLogOutcome } from "@/lib/audit/sync-log-vocabulary";

export type SyncLogRange = "1h" | "24h" | "7d" | "all" | "custom";

/** The viewer's filters, as its controls hold them. */
export type SyncLogFilters = {
  outcome: "all" | SyncLogOutcome;
  action: "" | SyncLogAction;
  range: SyncLogRange;
  /** `datetime-local` values (the browser's time zone), used when `range` is "custom". */
  since: string;
  until: string;
  q: string;
};

export const NO_FILTERS: SyncLogFilters = { outcome: "all", action: "", range: "all", since: "", until: "", q: "" };

export function hasFilters(f: SyncLogFilters): boolean {
  return f.outcome !== "all" || f.action !== "" || f.range !== "all" || f.q.trim() !== "";
}

/** A `datetime-local` value as an ISO instant, or undefined when blank or not a date. */
export function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** An ISO instant as a `datetime-local` value in the browser's time zone, to the second; undefined when not a date. */
export function isoToLocal(iso: string): string | undefined {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** The page-address parameters the viewer keeps its filters in, so that a filtered view can be pasted into a ticket. */
export const SYNC_LOG_URL_PARAMS = ["outcome", "action", "range", "since", "until", "q"] as const;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The filters a page address asks for (`?outcome=refused&action=user.created&range=24h&q=alice`, or
 * `since`/`until` as ISO instants for a custom range), and a sentence for each value that could not be used, so the
 * page can say what it ignored instead of failing. `since` and `until` stay ISO here; the viewer turns them into
 * its controls' local time once in the browser. Without `withTimeAndText` (the portal), only outcome and action
 * are read.
 */
export function filtersFromQuery(query: URLSearchParams, withTimeAndText: boolean): { filters: SyncLogFilters; ignored: string[] } {
  const filters: SyncLogFilters = { ...NO_FILTERS };
  const ignored: string[] = [];
  const value = (name: string) => query.get(name)?.trim() || undefined;
  const outcome = value("outcome");
  if (outcome && outcome !== "all") {
    if ((SYNC_LOG_OUTCOMES as readonly string[]).includes(outcome)) filters.outcome = outcome as SyncLogOutcome;
    else ignored.push(`outcome “${outcome}” (it can be success, refused or failed)`);
  }
  const action = value("action");
  if (action) {
    if ((SYNC_LOG_ACTIONS as readonly string[]).includes(action)) filters.action = action as SyncLogAction;
    else ignored.push(`action “${action}” (not an action the sync log records)`);
  }
  if (!withTimeAndText) return { filters, ignored };
  const range = value("range");
  const since = value("since");
  const until = value("until");
  if (since || until) {
    const bad = [["since", since], ["until", until]].filter(([, v]) => v && (!ISO_INSTANT.test(v) || Number.isNaN(Date.parse(v))));
    for (const [name, v] of bad) ignored.push(`${name} “${v}” (not a date and time such as 2026-12-03T09:30:00Z)`);
    if (bad.length === 0 && since && until && Date.parse(since) >= Date.parse(until)) ignored.push(`since “${since}” and until “${until}” (the start must be before the end)`);
    else if (bad.length === 0) Object.assign(filters, { range: "custom", since: since ?? "", until: until ?? "" });
    if (range) ignored.push(`range “${range}” (since and until were given)`);
  } else if (range && range !== "all") {
    if (range === "1h" || range === "24h" || range === "7d") filters.range = range;
    else ignored.push(`range “${range}” (it can be 1h, 24h, 7d or all)`);
  }
  const q = value("q");
  if (q) {
    if (q.length <= 200) filters.q = q;
    else ignored.push("a search of more than 200 characters");
  }
  return { filters, ignored };
}

/**
 * `search` (a page's query string) with the filters written into it and every other parameter kept (the console's
 * own `errors=only`). Custom times go in as ISO instants, so that whoever opens the address, in whatever time zone,
 * sees the same requests.
 */
export function withFiltersInQuery(search: string, filters: SyncLogFilters): string {
  const params = new URLSearchParams(search);
  for (const name of SYNC_LOG_URL_PARAMS) params.delete(name);
  if (filters.outcome !== "all") params.set("outcome", filters.outcome);
  if (filters.action) params.set("action", filters.action);
  if (filters.range === "custom") {
    const since = localToIso(filters.since);
    const until = localToIso(filters.until);
    if (since) params.set("since", since);
    if (until) params.set("until", until);
  } else if (filters.range !== "all") params.set("range", filters.range);
  if (filters.q.trim()) params.set("q", filters.q.trim());
  const text = params.toString();
  return text ? `?${text}` : "";
}

/**
 * `listUrl` with the filters in its query string, as `syncLogViewQuerySchema` reads them. Parameters already in
 * `listUrl` (a route's own `?directory=`) are kept.
 */
export function syncLogUrl(listUrl: string, filters: SyncLogFilters, page: { limit: number; after?: string }): string {
  const [path, existing = ""] = listUrl.split("?", 2) as [string, string?];
  const params = new URLSearchParams(existing);
  const set = (name: string, value: string | undefined) => (value ? params.set(name, value) : params.delete(name));
  set("outcome", filters.outcome === "all" ? undefined : filters.outcome);
  set("action", filters.action || undefined);
  set("range", filters.range === "all" || filters.range === "custom" ? undefined : filters.range);
  set("since", filters.range === "custom" ? localToIso(filters.since) : undefined);
  set("until", filters.range === "custom" ? localToIso(filters.until) : undefined);
  set("q", filters.q.trim() || undefined);
  set("limit", String(page.limit));
  set("after", page.after);
  return `${path}?${params.toString()}`;
}

/** A page from the boundary route; any failure becomes an Error whose message can be shown as it is. */
export async function fetchSyncLogPage(url: string, signal: AbortSignal): Promise<SyncLogViewPage> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store", signal });
  } catch (err) {
    if (signal.aborted) throw err;
    throw new Error("the server could not be reached. Check your connection.");
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new Error(errorMessage(body) ?? `the server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ""}.`);
  if (!isPage(body)) throw new Error("the server sent an answer this page does not understand.");
  return body;
}

/** The message of the portal's, the console's or the management API's error body, whichever it is. */
function errorMessage(body: unknown): string | undefined {
  if (body === null || typeof body !== "object") return undefined;
  const { error, message } = body as { error?: unknown; message?: unknown };
  if (typeof error === "string") return error;
  if (error !== null && typeof error === "object" && typeof (error as { message?: unknown }).message === "string") return (error as { message: string }).message;
  return typeof message === "string" ? message : undefined;
}

function isPage(body: unknown): body is SyncLogViewPage {
  if (body === null || typeof body !== "object") return false;
  const { data, nextCursor } = body as { data?: unknown; nextCursor?: unknown };
  return Array.isArray(data) && (nextCursor === null || typeof nextCursor === "string");
}
