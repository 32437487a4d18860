import { keyScope } from "@/lib/api/scope";
import { verifySessionBodySchema } from "@/lib/api/schemas/sessions";
import { toApiSessionVerification } from "@/lib/api/serializers";
import { verifySession } from "@/lib/auth/verify-session";
import { apiJson, parseRequest, readJsonBody } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";

// POST /api/v1/sessions/verify { token }: always 200; `valid: false` says why (revoked, expired, account_deactivated, unknown).
export const POST = withApiKey(async ({ req, key }) => {
  const { token } = parseRequest(verifySessionBodySchema, await readJsonBody(req));
  return apiJson(toApiSessionVerification(await verifySession({ token, organizationId: keyScope(key) })));
});
