import { verifyPortalSession, type PortalPrincipal } from "@/lib/auth/verify-portal-session";
import { ApiError, apiErrorResponse, toApiError } from "@/lib/http/api-response";
import { portalCookieFrom } from "@/lib/portal/portal-cookie";
import { isSameOrigin } from "./same-origin";

export type PortalRouteContext = { req: Request; url: URL; portal: PortalPrincipal };

const SESSION_ENDED = "Your setup session has ended. Open your setup link again to continue.";

/**
 * The trust boundary of the portal's JSON routes (what the wizard polls). The organisation comes from the
 * session cookie alone. A request that changes something must also come from our own pages: browsers send
 * Sec-Fetch-Site and Origin, and a cross-site one is refused even with the cookie.
 */
export function withPortalSession(
  handler: (ctx: PortalRouteContext) => Promise<Response>,
  /**
   * What the route shows: "dsync" routes (the directory's counts, log and requests) answer only a link
   * issued for directory sync or for everything; an `sso` link read the directory's log (issue 12, item 12).
   */
  { covers }: { covers?: "sso" | "dsync" } = {},
) {
  return async (req: Request): Promise<Response> => {
    try {
      if (req.method !== "GET" && req.method !== "HEAD" && !isSameOrigin(req)) {
        throw new ApiError(403, "cross_origin", "This request came from another site and was refused");
      }
      const token = portalCookieFrom(req.headers.get("cookie"));
      if (!token) throw new ApiError(401, "unauthorized", SESSION_ENDED);
      const session = await verifyPortalSession({ token });
      if (!session.valid) throw new ApiError(401, "unauthorized", SESSION_ENDED);
      const intent = session.principal.setupLink.intent;
      if (covers && intent !== "all" && intent !== covers) {
        throw new ApiError(403, "forbidden", `This setup link is for ${intent === "sso" ? "single sign-on" : "directory sync"} only; ask for a link that covers ${covers === "sso" ? "single sign-on" : "directory sync"}`);
      }
      return await handler({ req, url: new URL(req.url), portal: session.principal });
    } catch (err) {
      return apiErrorResponse(toApiError(err));
    }
  };
}
