/** Every event the outbox carries. Webhook endpoints subscribe to a subset; an empty subset means all. */
export const EVENT_TYPES = [
  "dsync.activated",
  "dsync.deleted",
  "dsync.sync_failed",
  "dsync.user.created",
  "dsync.user.updated",
  "dsync.user.deleted",
  "dsync.group.created",
  "dsync.group.updated",
  "dsync.group.deleted",
  "dsync.group.user_added",
  "dsync.group.user_removed",
  "account.created",
  "account.deactivated",
  "account.reactivated",
  "dsync.connection.failing",
  "dsync.connection.recovered",
  "dsync.connection.silent",
  "organization.deleted",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}
