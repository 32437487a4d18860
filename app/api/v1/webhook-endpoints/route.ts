import { requestedOrganization, webhookEndpointOwner } from "@/lib/api/scope";
import { createWebhookEndpointBodySchema, listWebhookEndpointsQuerySchema } from "@/lib/api/schemas/webhooks";
import { toApiWebhookEndpoint } from "@/lib/api/serializers";
import { createWebhookEndpoint } from "@/lib/events/create-webhook-endpoint";
import { listWebhookEndpoints } from "@/lib/events/list-webhook-endpoints";
import { apiJson, apiList, parseRequest, queryOf, readJsonBody } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";

// GET /api/v1/webhook-endpoints?organization=: an organization's key sees its own endpoints, never global ones.
export const GET = withApiKey(async ({ url, key }) => {
  const { organization } = parseRequest(listWebhookEndpointsQuerySchema, queryOf(url));
  const endpoints = await listWebhookEndpoints({ organizationId: requestedOrganization(key, organization) });
  return apiList({ data: endpoints, nextCursor: null }, toApiWebhookEndpoint);
});

// POST /api/v1/webhook-endpoints { url, organization_id?, event_types? }: answers the signing secret this once.
export const POST = withApiKey(async ({ req, key }) => {
  const body = parseRequest(createWebhookEndpointBodySchema, await readJsonBody(req));
  const organizationId = webhookEndpointOwner(key, body.organization_id);
  const { endpoint, secret } = await createWebhookEndpoint({ organizationId, url: body.url, eventTypes: body.event_types });
  return apiJson({ ...toApiWebhookEndpoint(endpoint), secret }, { status: 201 });
});
