import { SyncLogView } from "@/components/sync-log/sync-log-view";

/**
 * The live sync log of the portal's directory: the shared viewer, fed by the portal's own JSON route, whose scope
 * (organisation and directory) comes from the session alone.
 */
export function PortalSyncLog({ providerName }: { providerName: string }) {
  return (
    <div className="space-y-4">
      <div>
        <h2 className="text-base font-semibold text-zinc-900">Live sync log</h2>
        <p className="mt-1 text-sm text-zinc-600">{`Every request from ${providerName}, newest first. Open an entry for its details; passwords and other secrets are removed before anything is stored.`}</p>
      </div>
      <SyncLogView
        listUrl="/setup/api/sync-log"
        emptyText={`No requests from ${providerName} yet. When it sends its first one, it appears here within 2 seconds.`}
      />
    </div>
  );
}
