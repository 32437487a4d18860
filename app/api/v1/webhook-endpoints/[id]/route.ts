import { keyScope } from "@/lib/api/scope";
import { deleteWebhookEndpoint } from "@/lib/events/delete-webhook-endpoint";
import { apiNoContent } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";

// DELETE /api/v1/webhook-endpoints/{id}: with its deliveries; another organization's endpoint is 404.
export const DELETE = withApiKey<{ id: string }>(async ({ params, key }) => {
  await deleteWebhookEndpoint({ id: params.id, organizationId: keyScope(key) });
  return apiNoContent();
});
