"use client";

import { useInfiniteQuery, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import type { SyncLogViewEntry } from "@/lib/audit/list-sync-log-view";
import { fetchSyncLogPage, syncLogUrl, type SyncLogFilters } from "./sync-log-request";

/**
 * An entry as the viewer holds it: `fresh` marks one that arrived in the last few seconds while the viewer was
 * open, for a brief highlight; it is cleared on a later refresh, so a row shown again later does not flash again.
 */
export type SyncLogRowData = SyncLogViewEntry & { fresh: boolean; arrivedAt: number | null };

/** The live head of the log: every entry from the newest down to the oldest the viewer keeps live. */
type Head = { entries: SyncLogRowData[]; more: boolean };

export const LIVE_INTERVAL_MS = 1000;
/** Pages of 100 read to catch up after a burst, before the viewer gives up on continuity and starts from the newest. */
const CATCH_UP_PAGES = 10;
const CATCH_UP_LIMIT = 100;
/** Without older pages loaded, the live head keeps at most this many entries; "Load older" reads on from its end. */
const LIVE_KEEP = 500;
/** Longer than the highlight's fade (the sync-log-arrive animation in app/globals.css). */
const FRESH_MS = 4000;

const byIdDesc = (a: { id: string }, b: { id: string }) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * The sync log as the viewer shows it: a live head, refetched every second, that only ever reads what is new
 * (from the newest entry down to one it already has), and older pages below it that "Load older" reads by
 * cursor and the live refresh never touches. Entry ids are time-ordered and a cursor is just an entry id, so
 * head and older pages join without a gap at the `anchor`: the head's last entry when older pages were asked for.
 */
export function useSyncLog({ listUrl, filters, pageSize }: { listUrl: string; filters: SyncLogFilters; pageSize: number }) {
  const queryClient = useQueryClient();
  const filterUrl = syncLogUrl(listUrl, filters, { limit: pageSize });
  const headKey: QueryKey = useMemo(() => ["sync-log", filterUrl, "head"], [filterUrl]);
  // The anchor belongs to one set of filters: changing a filter starts again from the newest entries.
  const [anchorState, setAnchorState] = useState<{ filterUrl: string; anchor: string } | null>(null);
  const anchor = anchorState?.filterUrl === filterUrl ? anchorState.anchor : null;

  const head = useQuery({
    queryKey: headKey,
    queryFn: async ({ signal }): Promise<Head> => {
      const previous = queryClient.getQueryData<Head>(headKey);
      const first = await fetchSyncLogPage(syncLogUrl(listUrl, filters, { limit: pageSize }), signal);
      const now = Date.now();
      if (!previous) return { entries: first.data.map((e) => ({ ...e, fresh: false, arrivedAt: null })), more: first.nextCursor !== null };

      const known = new Map(previous.entries.map((e) => [e.id, e]));
      const fetched = [...first.data];
      let page = first;
      let joined = previous.entries.length === 0 || page.nextCursor === null || page.data.some((e) => known.has(e.id));
      for (let n = 0; !joined && n < CATCH_UP_PAGES && page.nextCursor; n++) {
        page = await fetchSyncLogPage(syncLogUrl(listUrl, filters, { limit: CATCH_UP_LIMIT, after: page.nextCursor }), signal);
        fetched.push(...page.data);
        joined = page.nextCursor === null || page.data.some((e) => known.has(e.id));
      }
      if (!joined) {
        // More arrived in a second than the catch-up reads: start again from the newest. Nothing is lost for
        // good, "Load older" reads on from here; only older pages loaded before are let go.
        setAnchorState(null);
        return { entries: fetched.map((e) => ({ ...e, fresh: true, arrivedAt: now })), more: page.nextCursor !== null };
      }
      // The union also picks up an entry that committed late, below ones already shown.
      const merged = new Map<string, SyncLogRowData>();
      for (const e of previous.entries) merged.set(e.id, e.fresh && now - (e.arrivedAt ?? 0) >= FRESH_MS ? { ...e, fresh: false } : e);
      for (const e of fetched) {
        const had = merged.get(e.id);
        merged.set(e.id, { ...e, fresh: had ? had.fresh : true, arrivedAt: had ? had.arrivedAt : now });
      }
      let entries = [...merged.values()].sort(byIdDesc);
      let more = previous.more;
      if (anchor !== null) {
        entries = entries.filter((e) => e.id >= anchor);
      } else if (entries.length > LIVE_KEEP) {
        entries = entries.slice(0, LIVE_KEEP);
        more = true;
      }
      return { entries, more };
    },
    refetchInterval: (query) => (query.state.status === "error" ? false : LIVE_INTERVAL_MS),
    // Paused while the tab is hidden; it reads what it missed as soon as the tab is shown again.
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
    retry: 2,
    retryDelay: LIVE_INTERVAL_MS,
  });

  const older = useInfiniteQuery({
    queryKey: ["sync-log", filterUrl, "older", anchor],
    enabled: anchor !== null,
    initialPageParam: anchor ?? "",
    queryFn: ({ pageParam, signal }) => fetchSyncLogPage(syncLogUrl(listUrl, filters, { limit: pageSize, after: pageParam }), signal),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Older entries do not change; only the head is live.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });

  const entries = useMemo(() => {
    const rows: SyncLogRowData[] = [...(head.data?.entries ?? [])];
    const seen = new Set(rows.map((e) => e.id));
    for (const page of older.data?.pages ?? []) {
      for (const e of page.data) {
        if (!seen.has(e.id)) rows.push({ ...e, fresh: false, arrivedAt: null });
        seen.add(e.id);
      }
    }
    return rows;
  }, [head.data, older.data]);

  const hasOlder = anchor === null ? (head.data?.more ?? false) : older.data ? older.hasNextPage : true;

  function loadOlder() {
    if (anchor === null) {
      const last = head.data?.entries.at(-1);
      if (last) setAnchorState({ filterUrl, anchor: last.id });
    } else if (older.isError && !older.data) {
      void older.refetch();
    } else {
      void older.fetchNextPage();
    }
  }

  return {
    entries,
    isLoading: head.isPending,
    error: head.error,
    retry: () => void head.refetch(),
    hasOlder,
    loadOlder,
    isLoadingOlder: older.isFetching,
    olderError: older.error,
  };
}
