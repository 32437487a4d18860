import { keyScope } from "@/lib/api/scope";
import { createSessionBodySchema, listSessionsQuerySchema } from "@/lib/api/schemas/sessions";
import { toApiCreatedSession, toApiSession } from "@/lib/api/serializers";
import { createSession } from "@/lib/auth/create-session";
import { listSessions } from "@/lib/auth/list-sessions";
import { apiJson, apiList, parseRequest, queryOf, readJsonBody } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";

// GET /api/v1/accounts/{id}/sessions
export const GET = withApiKey<{ id: string }>(async ({ url, params, key }) => {
  const page = parseRequest(listSessionsQuerySchema, queryOf(url));
  return apiList(await listSessions({ accountId: params.id, organizationId: keyScope(key), ...page }), (session) => toApiSession(session));
});

// POST /api/v1/accounts/{id}/sessions: the token is answered this once; a deactivated account gets 400.
export const POST = withApiKey<{ id: string }>(async ({ req, params, key }) => {
  const body = parseRequest(createSessionBodySchema, await readJsonBody(req));
  const created = await createSession({ accountId: params.id, organizationId: keyScope(key), ttlSeconds: body.ttl_seconds });
  return apiJson(toApiCreatedSession(created), { status: 201 });
});
