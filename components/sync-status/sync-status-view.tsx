"use client";

import { formatDateTime } from "@/components/admin/format";
import { Alert, Badge, Button } from "@/components/ui";
import type { DirectorySyncStatusJson } from "@/lib/directory-pull/to-directory-sync-status-json";

export type SyncStatusActions = {
  approve?: (syncId: string) => void;
  discard?: (syncId: string) => void;
  syncNow?: () => void;
  pending?: "approve" | "discard" | "sync" | null;
  error?: string;
  notice?: string;
};

/**
 * How a directory syncs, shared by the portal and the console: its kind, its last and next sync and the last
 * outcome in words, a held sync (guard rail) with Approve and Discard, and "Sync now" for Google Workspace.
 */
export function SyncStatusView({ status, actions = {}, connect }: { status: DirectorySyncStatusJson; actions?: SyncStatusActions; connect?: React.ReactNode }) {
  const held = status.held;
  const counts = held?.counts ?? {};
  return (
    <section aria-labelledby="sync-status-heading" data-testid="sync-status" className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm sm:p-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="sync-status-heading" className="text-base font-semibold text-zinc-900">
          Sync status
        </h2>
        {status.source === "google" && status.google?.connected && actions.syncNow ? (
          <Button size="sm" variant="secondary" onClick={actions.syncNow} loading={actions.pending === "sync"}>
            Sync now
          </Button>
        ) : null}
      </div>
      <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
        <Item label="Kind">{status.kind}</Item>
        <Item label="Outcome">
          <Badge tone={status.outcomeTone} dot>{status.outcome}</Badge>
          {status.runningSince ? <span className="ml-2 text-zinc-600">A sync is running now</span> : null}
        </Item>
        {status.source !== "scim" ? (
          <>
            <Item label="Last sync">{formatDateTime(status.lastSyncAt)}</Item>
            <Item label="Next sync">
              {status.source === "csv"
                ? "When a new file is imported"
                : status.nextSyncAt
                  ? formatDateTime(status.nextSyncAt)
                  : "After Google Workspace is connected"}
            </Item>
          </>
        ) : null}
        {status.google ? (
          <Item label="Google Workspace">{status.google.connected ? `Connected${status.google.connectedBy ? ` by ${status.google.connectedBy}` : ""}` : "Not connected"}</Item>
        ) : null}
      </dl>
      {status.problem && !held ? (
        <Alert tone="danger" title="The last sync failed" className="mt-4">
          {status.problem}
        </Alert>
      ) : null}
      {held ? (
        <Alert
          tone="warning"
          title="A sync is waiting for approval"
          className="mt-4"
          actions={
            actions.approve && actions.discard ? (
              <div className="flex flex-wrap gap-2">
                <Button size="sm" onClick={() => actions.approve!(held.id)} loading={actions.pending === "approve"} disabled={actions.pending === "discard"}>
                  Approve
                </Button>
                <Button size="sm" variant="secondary" onClick={() => actions.discard!(held.id)} loading={actions.pending === "discard"} disabled={actions.pending === "approve"}>
                  Discard
                </Button>
              </div>
            ) : null
          }
        >
          <p>{held.message}</p>
          <p className="mt-1">
            {`It would create ${counts.created ?? 0}, update ${counts.updated ?? 0} and deactivate ${counts.deactivated ?? 0} users. Approve applies it now; Discard drops it and changes nothing.`}
          </p>
        </Alert>
      ) : null}
      {connect}
      {actions.error ? (
        <Alert tone="danger" className="mt-4">
          {actions.error}
        </Alert>
      ) : null}
      {actions.notice ? (
        <p role="status" className="mt-3 text-sm text-zinc-600">
          {actions.notice}
        </p>
      ) : null}
    </section>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="font-medium text-zinc-600">{label}</dt>
      <dd className="text-zinc-900">{children}</dd>
    </div>
  );
}
