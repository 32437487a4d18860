import { keyScope } from "@/lib/api/scope";
import { revokeScimTokensQuerySchema, rotateScimTokenBodySchema } from "@/lib/api/schemas/directories";
import { toApiRotatedScimToken } from "@/lib/api/serializers";
import { revokeScimTokens } from "@/lib/auth/revoke-scim-tokens";
import { rotateScimToken } from "@/lib/auth/rotate-scim-token";
import { apiJson, parseRequest, queryOf, readJsonBody } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";

// POST /api/v1/directories/{id}/tokens: a new SCIM token (shown once); the current ones keep working for `grace`
// (an earlier promised grace is kept unless shorten_promised_grace).
export const POST = withApiKey<{ id: string }>(async ({ req, params, key }) => {
  const { grace, shorten_promised_grace } = parseRequest(rotateScimTokenBodySchema, await readJsonBody(req));
  const rotated = await rotateScimToken({ directoryId: params.id, graceMs: grace, organizationId: keyScope(key), shortenPromisedGrace: shorten_promised_grace });
  return apiJson(toApiRotatedScimToken(rotated), { status: 201 });
});

// DELETE /api/v1/directories/{id}/tokens?prefix=: stops the directory's tokens (or the one with that prefix) at once.
export const DELETE = withApiKey<{ id: string }>(async ({ url, params, key }) => {
  const { prefix } = parseRequest(revokeScimTokensQuerySchema, queryOf(url));
  const { revoked } = await revokeScimTokens({ directoryId: params.id, prefix, organizationId: keyScope(key) });
  return apiJson({ directory_id: params.id, revoked });
});
