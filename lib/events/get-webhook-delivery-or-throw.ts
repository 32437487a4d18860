import { sql, type Sql } from "@/lib/db/sql";
import { DomainError } from "@/lib/domain-error";
import { loadWebhookAttempts } from "./load-webhook-attempts";
import { toWebhookDelivery, WEBHOOK_DELIVERY_COLUMNS, type WebhookDeliveryRow, type WebhookDeliveryView } from "./to-webhook-delivery";

/**
 * One delivery with its attempts. Another organisation's delivery is NOT_FOUND, the same as a missing one; so
 * is, with `endpointOwnerId`, a delivery to an endpoint that organisation does not own (a global one).
 */
export async function getWebhookDeliveryOrThrow(
  { id, organizationId, endpointOwnerId }: { id: string; organizationId?: string; endpointOwnerId?: string },
  tx: Sql = sql,
): Promise<WebhookDeliveryView> {
  const [row] = await tx.query<WebhookDeliveryRow>(
    `SELECT ${WEBHOOK_DELIVERY_COLUMNS} FROM "WebhookDelivery" d JOIN "Event" e ON e.id = d."eventId"
     JOIN "WebhookEndpoint" w ON w.id = d."endpointId"
     WHERE d.id = $1 AND ($2::text IS NULL OR d."organizationId" = $2) AND ($3::text IS NULL OR w."organizationId" = $3)`,
    [id, organizationId ?? null, endpointOwnerId ?? null],
  );
  if (!row) throw new DomainError("NOT_FOUND", "Webhook delivery not found", "id");
  const attempts = await loadWebhookAttempts([row.id], tx);
  return toWebhookDelivery(row, attempts.get(row.id) ?? []);
}
