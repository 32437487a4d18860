import { listenForNotifications, type NotificationListener } from "@/lib/db/listen-for-notifications";
import { EVENT_COMMITTED_CHANNEL } from "@/lib/events/wake-event-dispatcher";

export type EventListener = NotificationListener;

/**
 * Calls `onEvent` whenever a transaction that wrote outbox events commits (the "Event" table's trigger, migration
 * 20261202150001_notify_event_commits, or after a SCIM request lib/events/wake-event-dispatcher.ts), over one LISTEN
 * connection of its own.
 * While the connection is lost the dispatcher's poll still finds every event, so a notification is only ever a
 * wake-up, never the sole way an event is found; once it is back, one look for the events that committed meanwhile.
 */
export function listenForEvents({ databaseUrl, onEvent, log, retryMs = 1000 }: {
  databaseUrl: string; onEvent: () => void; log: (line: string) => void; retryMs?: number;
}): EventListener {
  return listenForNotifications({
    databaseUrl, channel: EVENT_COMMITTED_CHANNEL, name: "event listener", whileLost: "polling until it is back", retryMs, log,
    onNotification: onEvent, onListening: onEvent,
  });
}
