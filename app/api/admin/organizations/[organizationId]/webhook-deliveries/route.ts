import { z } from "zod";
import { WEBHOOK_DELIVERY_STATUSES } from "@/lib/events/webhook-schemas";
import { listWebhookDeliveries } from "@/lib/events/list-webhook-deliveries";
import { apiJson, parseRequest, queryOf } from "@/lib/http/api-response";
import { withConsoleSession } from "@/lib/http/with-console-session";
import { getOrganizationOrThrow } from "@/lib/organizations/get-organization-or-throw";

const querySchema = z.object({ status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(), after: z.string().max(200).optional() });

// GET /api/admin/organizations/{id}/webhook-deliveries?status=&after=: newest first, with their attempts (polled by the console).
export const GET = withConsoleSession<{ organizationId: string }>(async ({ url, params }) => {
  const organization = await getOrganizationOrThrow({ organizationId: params.organizationId });
  const page = await listWebhookDeliveries({ ...parseRequest(querySchema, queryOf(url)), organizationId: organization.id, limit: 25 });
  return apiJson({ data: page.data, next_cursor: page.nextCursor });
});
