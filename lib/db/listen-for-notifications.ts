import pg from "pg";

export type NotificationListener = { stop(): Promise<void> };

/**
 * Keeps one connection of its own LISTENing on `channel`, and calls `onNotification` for each notification. A lost
 * connection is reopened after `retryMs`. `onListening` runs each time the LISTEN is in place (first and after every
 * reconnection), `onLost` each time it is lost: what committed in between was not notified, so a caller that relies on
 * notifications must not trust them until the next `onListening`.
 */
export function listenForNotifications({ databaseUrl, channel, name, whileLost, onNotification, onListening, onLost, log, retryMs = 1000 }: {
  databaseUrl: string; channel: string;
  /** Its log line when the connection is lost: "<name>: <error>; <whileLost>". */
  name: string; whileLost: string;
  onNotification: () => void; onListening?: () => void; onLost?: () => void;
  log: (line: string) => void; retryMs?: number;
}): NotificationListener {
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
      onLost?.();
      // One line per distinct error, not one a second while the database is down.
      const message = err ? err.message.split("\n")[0]! : "connection closed";
      if (!stopped && message !== lastError) log(`${name}: ${message}; ${whileLost}`);
      lastError = message;
      if (!stopped) retry = setTimeout(() => void connect(), retryMs);
    };
    c.on("error", reconnect);
    c.on("end", () => reconnect());
    c.on("notification", (n) => {
      if (n.channel === channel) onNotification();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
      if (client !== c) return;
      lastError = "";
      onListening?.();
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
      if (c) onLost?.();
      await c?.end().catch(() => {});
    },
  };
}
