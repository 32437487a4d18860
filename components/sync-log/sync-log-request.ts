import type { SyncLogViewPage } from "@/lib/audit/list-sync-log-view";
import type { SyncLogAction, SyncLogOutcome } from "@/lib/audit/sync-log-vocabulary";

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
