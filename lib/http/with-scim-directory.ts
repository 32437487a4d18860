import { ZodError } from "zod";
import { authenticateScimToken, type ScimPrincipal } from "@/lib/auth/authenticate-scim-token";
import { config } from "@/lib/config";
import { DomainError, isUniqueViolation } from "@/lib/domain-error";
import { scimBaseUrl } from "@/lib/directory/scim-base-url";
import { ScimError } from "@/lib/scim/errors";
import { toScimValidationError } from "@/lib/scim/requests";
import { scimErrorResponse } from "./scim-response";

export type ScimContext = {
  req: Request;
  url: URL;
  /** The path below the directory, e.g. ["Users", "usr_…"], with empty segments (a trailing slash) dropped. */
  segments: string[];
  directory: ScimPrincipal["directory"];
  token: ScimPrincipal["token"];
  /** `<APP_URL>/scim/v2/<directoryId>`, for `meta.location` and `Location`. */
  baseUrl: string;
};

type RouteParams = { params: Promise<{ directoryId: string; path?: string[] }> };

/**
 * The SCIM trust boundary. Tenancy comes from this request alone: the directory in the URL and a token
 * that belongs to it. Every failure, ours included, leaves as a SCIM error body (RFC 7644 §3.12).
 */
export function withScimDirectory(handler: (ctx: ScimContext) => Promise<Response>) {
  return async (req: Request, { params }: RouteParams): Promise<Response> => {
    try {
      const { directoryId, path = [] } = await params;
      const token = bearerToken(req.headers.get("authorization"));
      if (!token) throw new ScimError(401, undefined, "Authentication required: send Authorization: Bearer <token>");
      const principal = await authenticateScimToken({ directoryId, token });
      if (!principal) throw new ScimError(401, undefined, "Invalid SCIM token for this directory: it is unknown, revoked, expired or belongs to another directory");
      if (principal.directory.status === "DISABLED") throw new ScimError(403, undefined, "This directory is disabled; ask the application's administrator to enable it");
      return await handler({
        req,
        url: new URL(req.url),
        segments: path.filter((s) => s !== ""),
        directory: principal.directory,
        token: principal.token,
        baseUrl: scimBaseUrl(principal.directory.id, config().appUrl),
      });
    } catch (err) {
      return scimErrorResponse(toScimError(err));
    }
  };
}

function bearerToken(header: string | null): string | undefined {
  const match = header?.match(/^\s*Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/** One mapper from anything thrown to a SCIM error (STYLE rule 5). */
export function toScimError(err: unknown): ScimError {
  if (err instanceof ScimError) return err;
  if (err instanceof ZodError) return toScimValidationError(err);
  if (isUniqueViolation(err)) return new ScimError(409, "uniqueness", "A resource with the same unique attribute already exists");
  if (err instanceof DomainError) {
    const status = ({ NOT_FOUND: 404, CONFLICT: 409, INVALID_INPUT: 400, FORBIDDEN: 403 } as const)[err.code];
    return new ScimError(status, status === 400 ? "invalidValue" : status === 409 ? "uniqueness" : undefined, err.message);
  }
  // Ours, not the caller's: log it whole, answer without internals.
  console.error("SCIM request failed:", err);
  return new ScimError(500, undefined, "Internal server error; the request was not applied");
}
