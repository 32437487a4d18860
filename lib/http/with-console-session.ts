import { isSameOrigin } from "./same-origin";
import { currentStaff, type StaffContext } from "@/lib/staff/current-staff";
import { ApiError, apiErrorResponse, toApiError } from "./api-response";

export type ConsoleContext<P> = {
  req: Request;
  url: URL;
  params: P;
  /** The signed-in member of staff, whose session row was checked for this request. */
  staff: StaffContext;
};

type RouteParams<P> = { params: Promise<P> };

/**
 * The admin console's JSON routes. Without a live staff session: 401 `{ error: { code: "unauthorized" } }`,
 * never a redirect (a fetch must not silently receive the sign-in page). `adminOnly` routes answer 403 to
 * a support user. Errors leave in the management API's shape, without internals.
 */
export function withConsoleSession<P extends Record<string, string> = Record<string, never>>(
  handler: (ctx: ConsoleContext<P>) => Promise<Response>,
  { adminOnly = false }: { adminOnly?: boolean } = {},
) {
  return async (req: Request, { params }: RouteParams<P>): Promise<Response> => {
    try {
      const staff = await currentStaff();
      if (!staff) throw new ApiError(401, "unauthorized", "Sign in to the admin console first: there is no staff session, or it has ended");
      // The console's JSON routes that change something answer only our own pages (CSRF, issue 12, item 12).
      if (req.method !== "GET" && req.method !== "HEAD" && !isSameOrigin(req)) {
        throw new ApiError(403, "cross_origin", "This request came from another site and was refused");
      }
      if (adminOnly && staff.role !== "admin") throw new ApiError(403, "forbidden", "Only an admin can do this; your role is support");
      return await handler({ req, url: new URL(req.url), params: await params, staff });
    } catch (err) {
      return apiErrorResponse(toApiError(err));
    }
  };
}
