"use client";

import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { SyncStatusView } from "@/components/sync-status/sync-status-view";
import { approveHeldSyncAction } from "@/lib/actions/console/approve-held-sync";
import { discardHeldSyncAction } from "@/lib/actions/console/discard-held-sync";
import { syncGoogleNowAction } from "@/lib/actions/console/sync-google-now";
import type { DirectorySyncStatusJson } from "@/lib/directory-pull/to-directory-sync-status-json";
import { actionError } from "./action-error";

/** A pulled directory's sync status in the console; Approve and Discard are for admins, "Sync now" for all staff. */
export function ConsoleSyncStatus({ directoryId, status, canResolve }: { directoryId: string; status: DirectorySyncStatusJson; canResolve: boolean }) {
  const router = useRouter();
  const approve = useAction(approveHeldSyncAction, { onSuccess: () => router.refresh() });
  const discard = useAction(discardHeldSyncAction, { onSuccess: () => router.refresh() });
  const syncNow = useAction(syncGoogleNowAction, { onSuccess: () => setTimeout(() => router.refresh(), 3000) });
  const error = actionError(approve.result) ?? actionError(discard.result) ?? actionError(syncNow.result);
  return (
    <SyncStatusView
      status={status}
      actions={{
        pending: approve.isPending ? "approve" : discard.isPending ? "discard" : syncNow.isPending ? "sync" : null,
        error: error?.message,
        notice: syncNow.hasSucceeded ? "A sync is queued; reload in a few seconds to see its outcome." : undefined,
        ...(canResolve && {
          approve: (syncId: string) => approve.execute({ directoryId, syncId }),
          discard: (syncId: string) => discard.execute({ directoryId, syncId }),
        }),
        syncNow: () => syncNow.execute({ directoryId }),
      }}
    />
  );
}
