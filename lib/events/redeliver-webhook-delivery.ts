import { z } from "zod";
import { transaction } from "@/lib/db/sql";
import { parseInput } from "@/lib/validation";
import { enqueueWebhookDeliveries, isQueueInstalled } from "./enqueue-webhook-deliveries";
import { getWebhookDeliveryOrThrow } from "./get-webhook-delivery-or-throw";
import type { WebhookDeliveryView } from "./to-webhook-delivery";
import { DELIVERY_IN_FLIGHT } from "./delivery-in-flight";

export const redeliverWebhookDeliveryInputSchema = z.object({
  id: z.string().min(1),
  /** An organisation-scoped caller can redeliver only deliveries of its own events; another's is NOT_FOUND. */
  organizationId: z.string().min(1).optional(),
  /** Only a delivery to an endpoint this organisation owns: an organisation's key cannot resend to a global one. */
  endpointOwnerId: z.string().min(1).optional(),
});

/**
 * Queues one more attempt of a delivery, due now. A succeeded or dead delivery goes back to pending: resending
 * a success is an explicit request, recorded as a new attempt. A delivery still retrying is moved up to now.
 * One whose attempt is in flight (claimed at or after it fell due) is left alone: that attempt is the
 * redelivery. Nothing is sent from here; the worker sends, so a slow endpoint never holds up the caller.
 *
 * A redelivered attempt that fails goes on retrying only while the delivery's retry window (24 hours from its
 * creation) lasts; after that it is dead again at once.
 */
export async function redeliverWebhookDelivery(input: z.input<typeof redeliverWebhookDeliveryInputSchema>): Promise<WebhookDeliveryView> {
  const { id, organizationId, endpointOwnerId } = parseInput(redeliverWebhookDeliveryInputSchema, input);
  return transaction(async (tx) => {
    const updated = await tx.execute(
      `UPDATE "WebhookDelivery" d
       SET status = CASE WHEN d.status IN ('succeeded', 'dead') THEN 'pending' ELSE d.status END, "nextAttemptAt" = now()
       WHERE d.id = $1 AND ($2::text IS NULL OR d."organizationId" = $2)
         AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM "WebhookEndpoint" w WHERE w.id = d."endpointId" AND w."organizationId" = $3))
         AND (d.status IN ('succeeded', 'dead') OR NOT ${DELIVERY_IN_FLIGHT})`,
      [id, organizationId ?? null, endpointOwnerId ?? null],
    );
    // Until a worker has installed the queue there is nothing to add the job to; the worker's first sweep
    // queues every delivery that is due, this one included.
    if (updated > 0 && (await isQueueInstalled(tx))) await enqueueWebhookDeliveries(tx, [id]);
    return getWebhookDeliveryOrThrow({ id, organizationId, endpointOwnerId }, tx);
  });
}
