import { verifyPortalSession, type PortalPrincipal } from "@/lib/auth/verify-portal-session";
import { config } from "@/lib/config";
import { ApiError, apiErrorResponse, toApiError } from "@/lib/http/api-response";
import { portalCookieFrom } from "@/lib/portal/portal-cookie";

export type PortalRouteContext = { req: Request; url: URL; portal: PortalPrincipal };

const SESSION_ENDED = "Your setup session has ended. Open your setup link again to continue.";

/**
 * The trust boundary of the portal's JSON routes (what the wizard polls). The organisation comes from the
 * session cookie alone. A request that changes something must also come from our own pages: browsers send
 * Sec-Fetch-Site and Origin, and a cross-site one is refused even with the cookie.
 */
export function withPortalSession(handler: (ctx: PortalRouteContext) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    try {
      if (req.method !== "GET" && req.method !== "HEAD" && !isSameOrigin(req)) {
        throw new ApiError(403, "cross_origin", "This request came from another site and was refused");
      }
      const token = portalCookieFrom(req.headers.get("cookie"));
      if (!token) throw new ApiError(401, "unauthorized", SESSION_ENDED);
      const session = await verifyPortalSession({ token });
      if (!session.valid) throw new ApiError(401, "unauthorized", SESSION_ENDED);
      return await handler({ req, url: new URL(req.url), portal: session.principal });
    } catch (err) {
      return apiErrorResponse(toApiError(err));
    }
  };
}

function isSameOrigin(req: Request): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin") return false;
  const origin = req.headers.get("origin");
  if (!origin) return site === "same-origin";
  const allowed = new Set([new URL(config().appUrl).origin, new URL(req.url).origin]);
  return allowed.has(origin);
}
