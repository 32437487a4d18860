import { sql, type Sql } from "@/lib/db/sql";
import type { WebhookAttemptView } from "./to-webhook-delivery";

/** The attempts of each delivery, in order, keyed by delivery id. */
export async function loadWebhookAttempts(deliveryIds: string[], tx: Sql = sql): Promise<Map<string, WebhookAttemptView[]>> {
  const byDelivery = new Map<string, WebhookAttemptView[]>();
  if (deliveryIds.length === 0) return byDelivery;
  const rows = await tx.query<WebhookAttemptView & { deliveryId: string }>(
    `SELECT id, "deliveryId", attempt, "startedAt", "latencyMs", "statusCode", error, "responseExcerpt"
     FROM "WebhookAttempt" WHERE "deliveryId" = ANY($1::text[]) ORDER BY attempt, "startedAt"`,
    [deliveryIds],
  );
  for (const { deliveryId, ...attempt } of rows) {
    const list = byDelivery.get(deliveryId) ?? [];
    list.push(attempt);
    byDelivery.set(deliveryId, list);
  }
  return byDelivery;
}
