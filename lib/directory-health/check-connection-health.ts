import { sql, transaction } from "@/lib/db/sql";
import { recordEvent, type EventType } from "@/lib/events/record-event";
import type { ConnectionHealth, HealthState } from "./connection-health";
import { loadConnectionHealth } from "./load-connection-health";

/** The event a change of state sends, if any. Awaiting → healthy sends none: dsync.activated already says it. */
export function transitionEvent(previous: HealthState, next: HealthState): EventType | null {
  if (previous === next) return null;
  if (next === "failing") return "dsync.connection.failing";
  if (next === "silent") return "dsync.connection.silent";
  if (next === "healthy" && (previous === "failing" || previous === "silent")) return "dsync.connection.recovered";
  return null;
}

export function healthEventData(directoryId: string, previous: HealthState, health: ConnectionHealth) {
  return {
    directory_id: directoryId,
    state: health.state,
    previous_state: previous,
    since: health.since?.toISOString() ?? null,
    last_request_at: health.lastRequestAt?.toISOString() ?? null,
    last_successful_request_at: health.lastSuccessAt?.toISOString() ?? null,
    reason: health.reason,
    fix: health.fix,
  };
}

/**
 * The periodic health check: derives every enabled directory's state from the sync log and, where it differs
 * from the state last seen, records the new one and its event in one transaction. The update is conditional on
 * the state it replaces, so two workers checking at once send one event between them. Answers the events sent.
 */
export async function checkConnectionHealth(now = new Date()): Promise<{ directoryId: string; type: EventType }[]> {
  const [current, seen] = await Promise.all([
    loadConnectionHealth({ all: true }, now),
    sql.query<{ directoryId: string; state: HealthState }>(`SELECT "directoryId", "state" FROM "DirectoryHealth"`),
  ]);
  const disabled = new Set((await sql.query<{ id: string }>(`SELECT "id" FROM "Directory" WHERE "status" = 'DISABLED'`)).map((r) => r.id));
  const seenState = new Map(seen.map((r) => [r.directoryId, r.state]));
  const sent: { directoryId: string; type: EventType }[] = [];
  for (const { directoryId, organizationId, health } of current) {
    if (disabled.has(directoryId)) continue;
    const previous = seenState.get(directoryId);
    if (previous === health.state) continue;
    const type = await transaction(async (tx) => {
      const changed = previous === undefined
        ? await tx.execute(
            `INSERT INTO "DirectoryHealth" ("directoryId", "organizationId", "state", "changedAt", "checkedAt") VALUES ($1, $2, $3, $4, $4) ON CONFLICT ("directoryId") DO NOTHING`,
            [directoryId, organizationId, health.state, now],
          )
        : await tx.execute(
            `UPDATE "DirectoryHealth" SET "state" = $3, "changedAt" = $4, "checkedAt" = $4 WHERE "directoryId" = $1 AND "organizationId" = $2 AND "state" = $5`,
            [directoryId, organizationId, health.state, now, previous],
          );
      const from = previous ?? "awaiting_first_request";
      const event = transitionEvent(from, health.state);
      if (changed === 1 && event) await recordEvent(tx, { type: event, organizationId, directoryId, data: healthEventData(directoryId, from, health) });
      return changed === 1 ? event : null;
    });
    if (type) sent.push({ directoryId, type });
  }
  return sent;
}

/**
 * Runs the check now and then every `intervalMs` while the process runs. It lives in the worker process, beside
 * webhook delivery, so that the events it writes go out by the same path as every other event.
 */
export function scheduleConnectionHealthChecks({ intervalMs, log }: { intervalMs: number; log: (line: string) => void }): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const sent = await checkConnectionHealth();
      for (const s of sent) log(`${s.type} for ${s.directoryId}`);
    } catch (err) {
      log(`Connection health check failed: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
