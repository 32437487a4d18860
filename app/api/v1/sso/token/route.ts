import { keyScope } from "@/lib/api/scope";
import { exchangeSignInCodeBodySchema } from "@/lib/api/schemas/sign-in";
import { ApiError, apiJson, parseRequest, readJsonBody } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";
import { exchangeSignInCode, InvalidGrantError } from "@/lib/sign-in/exchange-sign-in-code";

// POST /api/v1/sso/token { code, redirect_uri, code_verifier?, session? } → { profile, account, session? }.
export const POST = withApiKey(async ({ req, key }) => {
  const body = parseRequest(exchangeSignInCodeBodySchema, await readJsonBody(req));
  try {
    const result = await exchangeSignInCode({
      code: body.code,
      redirectUri: body.redirect_uri,
      codeVerifier: body.code_verifier,
      organizationScope: keyScope(key) ?? null,
      session: body.session ? { ttlSeconds: body.session_ttl_seconds } : false,
    });
    return apiJson(result);
  } catch (err) {
    // RFC 6749 §5.2's code, so that OAuth-minded hosts recognise it.
    if (err instanceof InvalidGrantError) throw new ApiError(400, "invalid_grant", err.message, { code: err.message });
    throw err;
  }
});
