import { signInStepResponse } from "@/lib/http/sign-in-response";
import { handleOidcCallback } from "@/lib/sign-in/handle-oidc-callback";

export const dynamic = "force-dynamic";

// GET /sso/oidc/{organizationId}/callback?code&state — the OpenID Provider's redirect back.
export async function GET(req: Request, ctx: { params: Promise<{ organizationId: string }> }) {
  const { organizationId } = await ctx.params;
  return signInStepResponse(await handleOidcCallback({ organizationId, callbackUrl: new URL(req.url) }));
}
