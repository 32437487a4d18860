import { requestedOrganization } from "@/lib/api/scope";
import { listSignInsQuerySchema } from "@/lib/api/schemas/sign-in";
import { toApiSignIn } from "@/lib/api/to-api-sign-in";
import { apiList, parseRequest, queryOf } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";
import { listSignInAttempts } from "@/lib/sign-in/list-sign-in-attempts";

// GET /api/v1/sso/sign-ins?organization=&status=&limit=&after=: the sign-in log, newest first.
export const GET = withApiKey(async ({ url, key }) => {
  const { organization, ...filter } = parseRequest(listSignInsQuerySchema, queryOf(url));
  return apiList(await listSignInAttempts({ organizationId: requestedOrganization(key, organization), ...filter }), toApiSignIn);
});
