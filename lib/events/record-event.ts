import type { Sql } from "@/lib/db/sql";
import { newId } from "@/lib/ids";
import { isEventType, type EventType } from "./event-types";

export { EVENT_TYPES, type EventType } from "./event-types";

export type RecordEventInput = {
  type: EventType;
  organizationId: string;
  /** The directory the change came from; none for events that are not about one (an account's). */
  directoryId?: string | null;
  data: Record<string, unknown>;
};

/**
 * Writes one outbox row. Call it with the transaction that makes the change, so that the event exists if
 * and only if the change committed. `seq` and `txid` come from column defaults: `txid` is this transaction's
 * id, which the feed and the webhook dispatcher need to never skip an event committed out of order.
 */
export async function recordEvent(tx: Sql, input: RecordEventInput): Promise<{ id: string; type: EventType; createdAt: Date }> {
  // The type is checked at run time too: a caller that builds it from a string must not write an event
  // that no endpoint filter or feed consumer knows.
  if (!isEventType(input.type)) throw new Error(`Unknown event type "${String(input.type)}"`);
  const [row] = await tx.query<{ id: string; createdAt: Date }>(
    `INSERT INTO "Event" (id, type, "organizationId", "directoryId", data) VALUES ($1, $2, $3, $4, $5::jsonb) RETURNING id, "createdAt"`,
    [newId("evt"), input.type, input.organizationId, input.directoryId ?? null, JSON.stringify(input.data)],
    "record_event",
  );
  return { id: row!.id, type: input.type, createdAt: row!.createdAt };
}
