import { keyScope } from "@/lib/api/scope";
import { toApiWebhookDelivery } from "@/lib/api/serializers";
import { redeliverWebhookDelivery } from "@/lib/events/redeliver-webhook-delivery";
import { apiJson } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";

// POST /api/v1/webhook-deliveries/{id}/redeliver: queues one more attempt, due now; the worker sends it.
export const POST = withApiKey<{ id: string }>(async ({ params, key }) => {
  return apiJson(toApiWebhookDelivery(await redeliverWebhookDelivery({ id: params.id, organizationId: keyScope(key), endpointOwnerId: keyScope(key) })), { status: 202 });
});
