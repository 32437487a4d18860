"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { SyncStatusView } from "@/components/sync-status/sync-status-view";
import { Alert } from "@/components/ui";
import { approveHeldSyncAction } from "@/lib/actions/portal/approve-held-sync";
import { discardHeldSyncAction } from "@/lib/actions/portal/discard-held-sync";
import { syncGoogleNowAction } from "@/lib/actions/portal/sync-google-now";
import type { DirectorySyncStatusJson } from "@/lib/directory-pull/to-directory-sync-status-json";
import { fetchPortalJson } from "./fetch-portal-json";
import { usePortalAction } from "./use-portal-action";

export const PULL_STATUS_KEY = ["portal", "pull-status"];

/** The portal directory's sync status, refreshed every two seconds, with Approve/Discard and "Sync now". */
export function PortalSyncStatus({ connect }: { connect?: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: PULL_STATUS_KEY,
    queryFn: () => fetchPortalJson<{ status: DirectorySyncStatusJson | null }>("/setup/api/pull-status"),
    refetchInterval: 2000,
  });
  const approve = usePortalAction(approveHeldSyncAction);
  const discard = usePortalAction(discardHeldSyncAction);
  const syncNow = usePortalAction(syncGoogleNowAction);
  const [pending, setPending] = useState<"approve" | "discard" | "sync" | null>(null);
  const [notice, setNotice] = useState<string | undefined>();

  async function act(kind: "approve" | "discard" | "sync", run: () => Promise<unknown>, done: string) {
    setPending(kind);
    setNotice(undefined);
    const data = await run();
    setPending(null);
    if (data) setNotice(done);
    await queryClient.invalidateQueries({ queryKey: PULL_STATUS_KEY });
  }

  if (query.isError) return <Alert tone="danger">{query.error.message}</Alert>;
  const status = query.data?.status;
  if (!status) return null;
  return (
    <SyncStatusView
      status={status}
      connect={connect}
      actions={{
        pending,
        error: approve.formError ?? discard.formError ?? syncNow.formError,
        notice,
        approve: (syncId) => void act("approve", () => approve.run({ syncId }), "The held sync was approved and applied."),
        discard: (syncId) => void act("discard", () => discard.run({ syncId }), "The held sync was discarded; nothing of it was applied."),
        syncNow: () => void act("sync", () => syncNow.run({}), "A sync is queued; it shows here and in the sync log within a few seconds."),
      }}
    />
  );
}
