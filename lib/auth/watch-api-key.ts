import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "@/lib/db/sql";

/** How often a long-lived request re-checks its key: a revoked key's stream ends within this much. */
export const KEY_RECHECK_MS = 2_000;

/**
 * A signal that aborts when `signal` does, or as soon as the key is found revoked (or deleted). A live stream
 * authenticates once, at its start; without this it outlived its key for as long as the client kept it open
 * (issue 12, item 6). `revoked()` tells the two apart, so the stream can say why it ended.
 */
export function watchApiKey(keyId: string, signal: AbortSignal, everyMs = KEY_RECHECK_MS): { signal: AbortSignal; revoked: () => boolean } {
  const controller = new AbortController();
  let revoked = false;
  const stop = () => controller.abort();
  signal.addEventListener("abort", stop, { once: true });
  if (signal.aborted) controller.abort();
  void (async () => {
    while (!controller.signal.aborted) {
      await sleep(everyMs, undefined, { signal: controller.signal }).catch(() => undefined);
      if (controller.signal.aborted) break;
      try {
        const [row] = await sql.query<{ active: boolean }>(`SELECT "revokedAt" IS NULL AS active FROM "ApiKey" WHERE id = $1`, [keyId]);
        if (!row?.active) {
          revoked = true;
          controller.abort();
        }
      } catch {
        // The database is briefly unreachable: the stream's own query fails the same way; check again later.
      }
    }
    signal.removeEventListener("abort", stop);
  })();
  return { signal: controller.signal, revoked: () => revoked };
}
