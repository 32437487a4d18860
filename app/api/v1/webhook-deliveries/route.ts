import { keyScope } from "@/lib/api/scope";
import { listWebhookDeliveriesQuerySchema } from "@/lib/api/schemas/webhooks";
import { toApiWebhookDelivery } from "@/lib/api/serializers";
import { listWebhookDeliveries } from "@/lib/events/list-webhook-deliveries";
import { apiList, parseRequest, queryOf } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";

// GET /api/v1/webhook-deliveries?endpoint=&status=&limit=&after=: newest first, with their attempts.
export const GET = withApiKey(async ({ url, key }) => {
  const { endpoint, ...query } = parseRequest(listWebhookDeliveriesQuerySchema, queryOf(url));
  return apiList(await listWebhookDeliveries({ organizationId: keyScope(key), endpointId: endpoint, ...query }), toApiWebhookDelivery);
});
