import { requestedOrganization } from "@/lib/api/scope";
import { listEventsQuerySchema } from "@/lib/api/schemas/events";
import { toApiEvent } from "@/lib/api/serializers";
import { listEvents } from "@/lib/events/list-events";
import { apiList, parseRequest, queryOf } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";

// GET /api/v1/events?after=&types=a,b&organization=&limit=: the ordered feed; an organization's key reads only its own.
export const GET = withApiKey(async ({ url, key }) => {
  const { organization, ...query } = parseRequest(listEventsQuerySchema, queryOf(url));
  return apiList(await listEvents({ ...query, organizationId: requestedOrganization(key, organization) }), toApiEvent);
});
