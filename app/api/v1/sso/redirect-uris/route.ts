import { assertGlobalKey } from "@/lib/api/scope";
import { putSsoRedirectUrisBodySchema } from "@/lib/api/schemas/sso-redirect-uris";
import { toApiSsoRedirectUris } from "@/lib/api/sso-serializers";
import { apiJson, parseRequest, readJsonBody } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";
import { listRedirectUris } from "@/lib/sso/list-redirect-uris";
import { replaceRedirectUris } from "@/lib/sso/replace-redirect-uris";

// The allow-list is the operator's, shared by every organisation: an organisation's key may neither read
// nor change it (one tenant must not learn, or redirect codes to, another's callback).

// GET /api/v1/sso/redirect-uris: SSO_REDIRECT_URIS first, then the stored entries.
export const GET = withApiKey(async ({ key }) => {
  assertGlobalKey(key, "read the SSO redirect URIs");
  return apiJson(toApiSsoRedirectUris(await listRedirectUris()));
});

// PUT /api/v1/sso/redirect-uris: replaces the stored entries; SSO_REDIRECT_URIS stays as it is.
export const PUT = withApiKey(async ({ req, key }) => {
  assertGlobalKey(key, "change the SSO redirect URIs");
  const body = parseRequest(putSsoRedirectUrisBodySchema, await readJsonBody(req));
  return apiJson(toApiSsoRedirectUris(await replaceRedirectUris({ uris: body.redirect_uris })));
});
