import { sql } from "@/lib/db/sql";

/** The channel the webhook dispatcher LISTENs on (lib/worker/listen-for-events.ts). */
export const EVENT_COMMITTED_CHANNEL = "rollcall_event_committed";

/**
 * Under a bulk sync one wake-up per 25 ms is plenty: the dispatcher starts its passes at least 50 ms apart
 * (lib/worker/start-worker.ts) and each takes every event committed before it. A lone deactivation finds no wake-up
 * pending and sends one at once.
 */
const MIN_SPACING_MS = 25;

type State = { lastSentAt: number; timer: NodeJS.Timeout | undefined };
// On globalThis: one pace for the whole server process, whichever route chunk calls.
const holder = globalThis as unknown as { __rollcallWakeDispatcher?: State };

/**
 * Wakes the webhook dispatcher after a write whose events committed without notifying (issue 13): the SCIM request's
 * connections set `rollcall.wake_dispatcher = caller`, so the "Event" trigger does not NOTIFY inside their
 * transactions, where the notification queue's lock would serialise every commit (migration
 * 20261206100000_wake_dispatcher_by_caller). Call it after the transaction committed. A notification sent by itself
 * takes that lock only for a moment: its transaction writes nothing, so its commit waits for no WAL flush. A call
 * within 25 ms of the last notification is folded into one sent when the 25 ms are up, so every call is followed by
 * a notification within 25 ms. Never throws: the dispatcher's poll finds every event anyway.
 */
export function wakeEventDispatcher() {
  const state = (holder.__rollcallWakeDispatcher ??= { lastSentAt: -Infinity, timer: undefined });
  if (state.timer) return;
  const wait = state.lastSentAt + MIN_SPACING_MS - performance.now();
  if (wait > 0) {
    state.timer = setTimeout(() => send(state), wait);
    state.timer.unref();
  } else {
    send(state);
  }
}

function send(state: State) {
  state.timer = undefined;
  state.lastSentAt = performance.now();
  sql.execute(`SELECT pg_notify('${EVENT_COMMITTED_CHANNEL}', '')`, [], "wake_event_dispatcher")
    .catch((err: unknown) => console.error(`Could not wake the webhook dispatcher (its poll will find the events): ${err instanceof Error ? err.message : String(err)}`));
}
