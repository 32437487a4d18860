import { readPortalSession } from "@/lib/http/portal-page-session";
import { signInErrorPage, signInStepResponse } from "@/lib/http/sign-in-response";
import { SignInError } from "@/lib/sign-in/sign-in-error";
import { startTestSignIn } from "@/lib/sign-in/start-sign-in";

export const dynamic = "force-dynamic";

// GET /setup/sso/test/start — the portal's "Test single sign-on": the IT admin signs in through their IdP and
// lands on /setup/sso/test with what Rollcall received. The organisation comes from the portal session only.
export async function GET() {
  const session = await readPortalSession();
  if (!session.valid || session.principal.setupLink.intent === "dsync") {
    return signInErrorPage(new SignInError("access_denied", "no_portal_session", "Your setup session has ended. Open your setup link again to test single sign-on"));
  }
  try {
    return signInStepResponse(await startTestSignIn({ organizationId: session.principal.organization.id }));
  } catch (err) {
    if (err instanceof SignInError) return signInErrorPage(err);
    throw err;
  }
}
