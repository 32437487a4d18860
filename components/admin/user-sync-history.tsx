import { Badge, Card, CardContent, CardHeader, CardTitle } from "@/components/ui";
import { describeSyncLogEntry } from "@/lib/audit/describe-sync-log-entry";
import type { SyncLogRow } from "@/lib/audit/query-sync-log";
import { SYNC_LOG_ACTION_LABELS, type SyncLogAction } from "@/lib/audit/sync-log-vocabulary";
import { formatDateTime } from "./format";

type Entry = Omit<SyncLogRow, "createdAt"> & { createdAt: string };

const OUTCOME_TONE = { success: "success", refused: "warning", failed: "danger" } as const;

/** Every request about one directory user, newest first: when, with which token, and what it changed, in words. */
export function UserSyncHistory({ provider, entries }: { provider: string; entries: Entry[] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h3">Sync history ({entries.length === 50 ? "latest 50" : entries.length})</CardTitle>
      </CardHeader>
      <CardContent>
        {entries.length === 0 ? (
          <p className="text-zinc-600">No request about this user is in the sync log (entries older than the retention period are pruned).</p>
        ) : (
          <ol className="flex flex-col divide-y divide-zinc-100" data-testid="user-sync-history">
            {entries.map((e) => {
              const description = describeSyncLogEntry(e, provider);
              const actions = [...new Set(e.actions)].map((a) => SYNC_LOG_ACTION_LABELS[a as SyncLogAction] ?? a);
              return (
                <li key={e.id} className="flex min-w-0 flex-col gap-1 py-3 text-sm">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone={OUTCOME_TONE[description.outcome]}>{e.status}</Badge>
                    <span className="font-medium [overflow-wrap:anywhere] text-zinc-900">{description.summary}</span>
                  </div>
                  <div className="flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-zinc-600">
                    <span>{formatDateTime(e.createdAt)}</span>
                    <span className="break-all">{e.method} {e.path}</span>
                    <span>token {e.tokenPrefix ? <span className="font-mono">{e.tokenPrefix}…</span> : "none"}</span>
                    {actions.length ? <span>changed: {actions.join(", ")}</span> : <span>changed nothing</span>}
                  </div>
                  {description.advice ? <p className="text-xs text-zinc-700">{description.advice}</p> : null}
                  {e.requestBody ? (
                    <details>
                      <summary className="cursor-pointer text-xs text-brand-700">Request body (secrets redacted)</summary>
                      <pre className="mt-1 max-h-64 overflow-auto rounded bg-zinc-50 p-2 font-mono text-xs whitespace-pre-wrap break-all">{JSON.stringify(e.requestBody, null, 2)}</pre>
                    </details>
                  ) : null}
                </li>
              );
            })}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}
