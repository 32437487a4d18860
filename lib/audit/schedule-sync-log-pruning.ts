import { pruneSyncLog } from "./prune-sync-log";

const HOUR_MS = 60 * 60 * 1000;

/**
 * Prunes the sync log now and then every hour, for as long as the process runs. Several processes doing it
 * at once only delete the same old rows; no coordination is needed.
 */
export function scheduleSyncLogPruning({ retentionDays, log }: { retentionDays: number; log: (line: string) => void }): () => void {
  const run = () =>
    pruneSyncLog({ retentionDays })
      .then((deleted) => deleted > 0 && log(`Pruned ${deleted} sync-log entries older than ${retentionDays} days`))
      .catch((err: unknown) => log(`Sync-log pruning failed: ${err instanceof Error ? err.message : String(err)}`));
  void run();
  const timer = setInterval(run, HOUR_MS);
  timer.unref();
  return () => clearInterval(timer);
}
