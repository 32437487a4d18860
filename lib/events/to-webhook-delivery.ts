import type { WebhookDeliveryStatus } from "./webhook-schemas";
import { DELIVERY_IN_FLIGHT } from "./delivery-in-flight";

export type WebhookAttemptView = {
  id: string;
  attempt: number;
  startedAt: Date;
  latencyMs: number;
  /** null when no HTTP response came back (refused, timed out, TLS error…); then `error` says why. */
  statusCode: number | null;
  error: string | null;
  /** The first kilobyte of the response body. */
  responseExcerpt: string | null;
};

export type WebhookDeliveryView = {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  /** The organisation of the event. */
  organizationId: string;
  status: WebhookDeliveryStatus;
  /** Attempts started so far. */
  attempts: number;
  /** When the next attempt is due; null when none is scheduled (finished, or an attempt is in flight). */
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  createdAt: Date;
  attemptLog: WebhookAttemptView[];
};

export type WebhookDeliveryRow = Omit<WebhookDeliveryView, "attemptLog">;

/** A delivery in flight keeps its due time in the row (lib/worker/deliver-webhooks.ts); it has no next attempt yet. */
export const WEBHOOK_DELIVERY_COLUMNS = `d.id, d."endpointId", d."eventId", e.type AS "eventType", d."organizationId", d.status::text AS status,
  d.attempts, CASE WHEN ${DELIVERY_IN_FLIGHT} THEN NULL ELSE d."nextAttemptAt" END AS "nextAttemptAt", d."lastAttemptAt", d."createdAt"`;

export function toWebhookDelivery(row: WebhookDeliveryRow, attempts: WebhookAttemptView[]): WebhookDeliveryView {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventId: row.eventId,
    eventType: row.eventType,
    organizationId: row.organizationId,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastAttemptAt: row.lastAttemptAt,
    createdAt: row.createdAt,
    attemptLog: attempts,
  };
}
