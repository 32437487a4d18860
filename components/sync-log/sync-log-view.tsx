"use client";

import { useSearchParams } from "next/navigation";
import { useEffect, useState, useSyncExternalStore } from "react";
import { Alert, Button, cn, Spinner } from "@/components/ui";
import { customRangeError, SyncLogFiltersBar } from "./sync-log-filters";
import { filtersFromQuery, hasFilters, isoToLocal, NO_FILTERS, withFiltersInQuery, type SyncLogFilters } from "./sync-log-request";
import { SyncLogRow, type SyncLogTenantHref } from "./sync-log-row";
import { useSyncLog } from "./use-sync-log";

export type SyncLogViewProps = {
  /**
   * The boundary route that answers `{ data: SyncLogViewEntry[], nextCursor }` through `listSyncLogView`, with the
   * viewer's filters parsed by `syncLogViewQuerySchema`. Query parameters already on it are kept.
   */
  listUrl: string;
  /** Shown while the log is empty and no filter is set, e.g. "No requests yet. When Okta sends its first request it appears here within 2 seconds." */
  emptyText?: string;
  /** The console's extra filters: a time range and a text search. */
  showTimeAndText?: boolean;
  /** The console's cross-tenant view: each row names its organisation and directory. */
  showTenant?: boolean;
  /** With `showTenant`, where the organisation's name links to. */
  tenantHref?: SyncLogTenantHref;
  /** Entries per page, at most 100. */
  pageSize?: number;
  className?: string;
};

/**
 * The live sync log, shared by the setup portal and the admin console: newest first, refreshed every second,
 * with "Load older" for what came before. Each boundary's own route authenticates and fixes the scope. The filters
 * live in the page's address (`?outcome=refused&q=alice`), so a filtered view can be pasted into a support ticket:
 * read once on load (a value that cannot be used is ignored, and the page says so), rewritten as they change.
 */
export function SyncLogView({
  listUrl,
  emptyText = "No requests yet. When the identity provider sends its first request it appears here within 2 seconds.",
  showTimeAndText = false,
  showTenant = false,
  tenantHref,
  pageSize = 25,
  className,
}: SyncLogViewProps) {
  const searchParams = useSearchParams();
  // Read once: afterwards the controls lead and the address follows them.
  const [fromAddress] = useState(() => filtersFromQuery(new URLSearchParams(searchParams?.toString() ?? ""), showTimeAndText));
  const [controls, setControls] = useState<SyncLogFilters>(() => {
    const f = fromAddress.filters;
    // A custom range arrives as ISO instants; the date-time controls show it in the browser's own time zone, which
    // only the browser knows (the server's render keeps ISO, and the browser's takes over at hydration).
    if (f.range !== "custom" || typeof window === "undefined") return f;
    return { ...f, since: f.since && (isoToLocal(f.since) ?? ""), until: f.until && (isoToLocal(f.until) ?? "") };
  });
  // Typing in the search box applies after a pause, not once per keystroke.
  const q = useDebounced(controls.q, 300);
  const rangeInvalid = customRangeError(controls) !== undefined;
  const applied: SyncLogFilters = { ...controls, q, ...(rangeInvalid && { since: "", until: "" }) };

  const log = useSyncLog({ listUrl, filters: applied, pageSize });
  const now = useNow(5000);
  const visible = usePageVisible();
  const live = visible && !log.error;
  const filtered = hasFilters(applied);

  const addressQuery = withFiltersInQuery(searchParams?.toString() ?? "", applied);
  useEffect(() => {
    if (addressQuery === window.location.search) return;
    // replaceState, not the router: the filters change what this page fetches, not what the server renders.
    window.history.replaceState(window.history.state, "", `${window.location.pathname}${addressQuery}${window.location.hash}`);
  }, [addressQuery]);

  return (
    <section aria-label="Sync log" className={cn("flex flex-col gap-4", className)}>
      {fromAddress.ignored.length > 0 ? (
        <Alert tone="warning" title="Some filters in this address were ignored">
          {`This page's address asked for ${fromAddress.ignored.join("; ")}. The log below is shown without ${fromAddress.ignored.length === 1 ? "that filter" : "those filters"}.`}
        </Alert>
      ) : null}
      <SyncLogFiltersBar value={controls} onChange={setControls} showTimeAndText={showTimeAndText} />

      <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-zinc-600">
        <p className="flex items-center gap-2" title="New requests appear here within 2 seconds">
          <span aria-hidden="true" className="relative flex size-2.5">
            {live ? <span className="absolute inline-flex size-full rounded-full bg-emerald-400 opacity-75 motion-safe:animate-ping" /> : null}
            <span className={cn("relative inline-flex size-2.5 rounded-full", live ? "bg-emerald-500" : "bg-zinc-400")} />
          </span>
          <span className="font-medium text-zinc-900">{live ? "Live" : "Paused"}</span>
          {!visible ? <span>while this tab is hidden</span> : log.error ? <span>until the log loads again</span> : null}
        </p>
        {log.entries.length > 0 ? (
          <p>
            {log.entries.length} {log.entries.length === 1 ? "request" : "requests"}, newest first
          </p>
        ) : null}
      </div>

      {log.error ? (
        <Alert tone="danger" actions={<Button variant="secondary" size="sm" onClick={log.retry}>Retry</Button>}>
          Could not load the sync log: {log.error.message}
        </Alert>
      ) : null}

      {log.isLoading ? (
        <div role="status" className="flex items-center justify-center gap-3 rounded-xl border border-zinc-200 bg-white px-6 py-12 text-sm text-zinc-600">
          <Spinner />
          Loading the sync log…
        </div>
      ) : log.entries.length === 0 && !log.error ? (
        <div className="flex flex-col items-center gap-4 rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-12 text-center text-sm text-zinc-600">
          {filtered ? (
            <>
              <p>No requests match these filters.</p>
              <Button variant="secondary" size="sm" onClick={() => setControls(NO_FILTERS)}>
                Clear filters
              </Button>
            </>
          ) : (
            <p className="max-w-md">{emptyText}</p>
          )}
        </div>
      ) : log.entries.length > 0 ? (
        <>
          <ul aria-label="Requests, newest first" className="divide-y divide-zinc-100 overflow-hidden rounded-xl border border-zinc-200 bg-white">
            {log.entries.map((entry) => (
              <SyncLogRow key={entry.id} entry={entry} now={now} showTenant={showTenant} tenantHref={tenantHref} />
            ))}
          </ul>
          {log.olderError ? (
            <Alert tone="danger">Could not load older requests: {log.olderError.message} Press Load older to try again.</Alert>
          ) : null}
          <div className="flex justify-center">
            {log.hasOlder ? (
              <Button variant="secondary" loading={log.isLoadingOlder} onClick={log.loadOlder}>
                Load older
              </Button>
            ) : (
              <p className="text-sm text-zinc-500">No older requests.</p>
            )}
          </div>
        </>
      ) : null}
    </section>
  );
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** The clock for relative times, ticking every `ms`; rows only render in the browser, after their data arrives. */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(timer);
  }, [ms]);
  return now;
}

function subscribeVisibility(onChange: () => void) {
  document.addEventListener("visibilitychange", onChange);
  return () => document.removeEventListener("visibilitychange", onChange);
}

/** TanStack Query stops the 1-second refresh while the tab is hidden; the indicator says so. */
function usePageVisible(): boolean {
  return useSyncExternalStore(subscribeVisibility, () => document.visibilityState === "visible", () => true);
}
