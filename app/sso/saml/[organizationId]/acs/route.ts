import { signInStepResponse } from "@/lib/http/sign-in-response";
import { handleSamlResponse } from "@/lib/sign-in/handle-saml-response";

export const dynamic = "force-dynamic";

// POST /sso/saml/{organizationId}/acs — the IdP's HTTP-POST binding (SAMLResponse, RelayState). Cross-site, so
// no cookie: RelayState and InResponseTo lead to the server-side attempt.
export async function POST(req: Request, ctx: { params: Promise<{ organizationId: string }> }) {
  const { organizationId } = await ctx.params;
  const form = await req.formData().catch(() => null);
  const field = (name: string) => {
    const value = form?.get(name);
    return typeof value === "string" ? value : "";
  };
  return signInStepResponse(await handleSamlResponse({ organizationId, samlResponse: field("SAMLResponse"), relayState: field("RelayState") }));
}
