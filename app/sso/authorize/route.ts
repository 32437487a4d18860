import { signInErrorPage, signInStepResponse } from "@/lib/http/sign-in-response";
import { failSignIn, withParams } from "@/lib/sign-in/finish-sign-in";
import { isSignInError } from "@/lib/sign-in/sign-in-error";
import { authorizeQuerySchema, SignInPageError, startSignIn } from "@/lib/sign-in/start-sign-in";

export const dynamic = "force-dynamic";

// GET /sso/authorize?organization|connection&redirect_uri&state[&code_challenge&code_challenge_method=S256][&login_hint]
// The host product sends the person here. A missing or unlisted redirect_uri gets an error page, never a redirect.
export async function GET(req: Request) {
  const url = new URL(req.url);
  const query = authorizeQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  const params = query.success ? query.data : { redirect_uri: url.searchParams.get("redirect_uri") ?? undefined, state: url.searchParams.get("state") ?? undefined };
  try {
    if (!query.success) throw new SignInPageError("invalid_request", "malformed_request", "The sign-in link is malformed: a parameter is too long");
    return signInStepResponse(await startSignIn(query.data, { clientIp: req.headers.get("x-forwarded-for")?.split(",")[0]?.trim(), userAgent: req.headers.get("user-agent") }));
  } catch (err) {
    if (err instanceof SignInPageError || !isSignInError(err) || !params.redirect_uri) {
      const exit = await failSignIn({ error: err });
      return exit.kind === "page" ? signInErrorPage(exit.error) : signInStepResponse(exit);
    }
    // The redirect_uri was checked against the allow-list before any other error could be raised.
    return signInStepResponse({ kind: "redirect", url: withParams(params.redirect_uri, { error: err.code, error_description: err.message, ...(params.state ? { state: params.state } : {}) }) });
  }
}
