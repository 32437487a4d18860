import pg from "pg";

/** The channel the "Event" table's trigger notifies on commit (migration 20261202150001_notify_event_commits). */
export const EVENT_COMMITTED_CHANNEL = "rollcall_event_committed";

export type EventListener = { stop(): Promise<void> };

/**
 * Calls `onEvent` whenever a transaction that wrote outbox events commits, over one LISTEN connection of its own.
 * A lost connection is reopened after `retryMs`; meanwhile the dispatcher's poll still finds every event, so a
 * notification is only ever a wake-up, never the sole way an event is found.
 */
export function listenForEvents({ databaseUrl, onEvent, log, retryMs = 1000 }: {
  databaseUrl: string; onEvent: () => void; log: (line: string) => void; retryMs?: number;
}): EventListener {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let lastError = "";

  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: databaseUrl });
    client = c;
    const reconnect = (err?: Error) => {
      if (client !== c) return;
      client = undefined;
      c.removeAllListeners("notification");
      c.end().catch(() => {});
      // One line per distinct error, not one a second while the database is down.
      const message = err ? err.message.split("\n")[0]! : "connection closed";
      if (!stopped && message !== lastError) log(`event listener: ${message}; polling until it is back`);
      lastError = message;
      if (!stopped) retry = setTimeout(() => void connect(), retryMs);
    };
    c.on("error", reconnect);
    c.on("end", () => reconnect());
    c.on("notification", () => onEvent());
    try {
      await c.connect();
      await c.query(`LISTEN ${EVENT_COMMITTED_CHANNEL}`);
      lastError = "";
      // Events that committed while no one listened: look once now.
      onEvent();
    } catch (err) {
      reconnect(err instanceof Error ? err : new Error(String(err)));
    }
  };
  void connect();

  return {
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}
