import { keyScope } from "@/lib/api/scope";
import { toApiSession } from "@/lib/api/serializers";
import { revokeSession } from "@/lib/auth/revoke-session";
import { apiJson } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";

// DELETE /api/v1/sessions/{id}: ends the session at once; repeating it is harmless.
export const DELETE = withApiKey<{ id: string }>(async ({ params, key }) => {
  return apiJson(toApiSession(await revokeSession({ sessionId: params.id, organizationId: keyScope(key) })));
});
