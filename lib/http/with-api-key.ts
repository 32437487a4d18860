import { authenticateApiKey, type ApiKeyPrincipal } from "@/lib/auth/authenticate-api-key";
import { ApiError, apiErrorResponse, toApiError } from "./api-response";

export type ApiContext<P> = {
  req: Request;
  url: URL;
  params: P;
  /** The calling key: global (`organizationId` null) or one organisation's, whose scope every call must respect. */
  key: ApiKeyPrincipal;
};

type RouteParams<P> = { params: Promise<P> };

/**
 * The management API's trust boundary. The key comes from this request alone (`Authorization: Bearer rc_key_…`);
 * every failure, ours included, leaves as `{ error: { code, message, fields } }` with its status.
 */
export function withApiKey<P extends Record<string, string> = Record<string, never>>(handler: (ctx: ApiContext<P>) => Promise<Response>) {
  return async (req: Request, { params }: RouteParams<P>): Promise<Response> => {
    try {
      const token = bearerToken(req.headers.get("authorization"));
      if (!token) throw new ApiError(401, "unauthorized", "Authentication required: send Authorization: Bearer <API key>");
      const key = await authenticateApiKey(token);
      if (!key) throw new ApiError(401, "unauthorized", "Invalid API key: it is unknown or revoked");
      return await handler({ req, url: new URL(req.url), params: await params, key });
    } catch (err) {
      return apiErrorResponse(toApiError(err));
    }
  };
}

function bearerToken(header: string | null): string | undefined {
  return header?.match(/^\s*Bearer\s+(\S+)\s*$/i)?.[1];
}
