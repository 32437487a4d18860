import { SyncLogView } from "@/components/sync-log/sync-log-view";
import { directorySourceWords, type DirectorySourceKind } from "@/lib/portal/directory-source-words";

/**
 * The live sync log of the portal's directory: the shared viewer, fed by the portal's own JSON route, whose scope
 * (organisation and directory) comes from the session alone. Its words follow the directory's source: a pulled
 * directory's entries are the changes its syncs or imports made, not requests from an identity provider.
 */
export function PortalSyncLog({ providerName, source }: { providerName: string; source: DirectorySourceKind }) {
  const words = directorySourceWords(source, providerName);
  return (
    <div className="space-y-4">
      <div>
        <h2 className="text-base font-semibold text-zinc-900">Live sync log</h2>
        <p data-testid="sync-log-subtitle" className="mt-1 text-sm text-zinc-600">{words.logSubtitle}</p>
      </div>
      <SyncLogView listUrl="/setup/api/sync-log" emptyText={words.logEmpty} />
    </div>
  );
}
