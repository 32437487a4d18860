import { ZodError } from "zod";
import { redactQuery } from "@/lib/audit/redact";
import { recordUnauthenticatedRequest } from "@/lib/audit/collapse-unauthenticated";
import { ScimRequestLog } from "@/lib/audit/scim-request-log";
import type { ScimPrincipal } from "@/lib/auth/authenticate-scim-token";
import { authenticateScimTokenCached } from "@/lib/auth/scim-principal-cache";
import { config } from "@/lib/config";
import { isStatementTimeout, withStatementTimeout } from "@/lib/db/statement-timeout";
import { activateDirectory } from "@/lib/directory/activate-directory";
import { DomainError, isUniqueViolation } from "@/lib/domain-error";
import { scimBaseUrl } from "@/lib/directory/scim-base-url";
import { wakeEventDispatcher } from "@/lib/events/wake-event-dispatcher";
import { ScimError } from "@/lib/scim/errors";
import { toScimValidationError } from "@/lib/scim/requests";
import { scimErrorResponse } from "./scim-response";
import { scimTenantLimiter } from "./scim-tenant-limiter";

export type ScimContext = {
  req: Request;
  url: URL;
  /** The path below the directory, e.g. ["Users", "usr_…"], with empty segments (a trailing slash) dropped. */
  segments: string[];
  directory: ScimPrincipal["directory"];
  token: ScimPrincipal["token"];
  /** `<APP_URL>/scim/v2/<directoryId>`, for `meta.location` and `Location`. */
  baseUrl: string;
  /** This request's sync-log entry: writes add their actions and commit it in their own transaction. */
  log: ScimRequestLog;
};

type RouteParams = { params: Promise<{ directoryId: string; path?: string[] }> };

/**
 * The SCIM trust boundary. Tenancy comes from this request alone: the directory in the URL and a token
 * that belongs to it. Every failure, ours included, leaves as a SCIM error body (RFC 7644 §3.12), and every
 * request to an existing directory leaves one sync-log entry, rejected ones included (unauthenticated ones are
 * counted per address and minute in one entry).
 */
export function withScimDirectory(handler: (ctx: ScimContext) => Promise<Response>) {
  return async (req: Request, { params }: RouteParams): Promise<Response> => {
    const startedAt = performance.now();
    const url = new URL(req.url);
    let log: ScimRequestLog | undefined;
    try {
      const { directoryId, path = [] } = await params;
      const token = bearerToken(req.headers.get("authorization"));
      const principal = token ? await authenticateScimTokenCached({ directoryId, token }) : null;
      if (!principal) {
        const error = new ScimError(401, undefined, token
          ? "Invalid SCIM token for this directory: it is unknown, revoked, expired or belongs to another directory"
          : "Authentication required: send Authorization: Bearer <token>");
        await logUnauthenticated(req, url, directoryId, token, error, startedAt);
        return scimErrorResponse(error);
      }
      const requestLog = (log = newLog(req, url, { organizationId: principal.directory.organizationId, directoryId: principal.directory.id, tokenPrefix: principal.token.prefix }));
      if (principal.directory.status === "DISABLED") throw new ScimError(403, undefined, "This directory is disabled; ask the application's administrator to enable it");
      if (principal.directory.status === "PENDING") await activateDirectory(principal.directory);
      // Issue 12: a bounded share of the server per directory, and of PostgreSQL per statement.
      const { scimDirectoryConcurrency, scimStatementTimeoutMs } = config();
      const release = await scimTenantLimiter(scimDirectoryConcurrency).acquire(principal.directory.id);
      let response: Response;
      try {
        response = await withStatementTimeout(scimStatementTimeoutMs, () => handler({
          req, url, log: requestLog,
          segments: path.filter((s) => s !== ""),
          directory: principal.directory,
          token: principal.token,
          baseUrl: scimBaseUrl(principal.directory.id, config().appUrl),
        }));
      } finally {
        release();
        // Its transactions committed (or rolled back) without notifying the dispatcher: their connections leave that
        // to the caller, outside the transaction (lib/events/wake-event-dispatcher.ts). Reads write no events.
        if (req.method !== "GET" && req.method !== "HEAD") wakeEventDispatcher();
      }
      if (!requestLog.isWritten) await requestLog.write(response.status);
      return response;
    } catch (err) {
      const error = toScimError(err);
      await log?.write(error.status, { scimType: error.scimType, detail: error.message }).catch((e: unknown) => console.error("Could not write the sync log:", e));
      return scimErrorResponse(error);
    }
  };
}

function newLog(req: Request, url: URL, who: { organizationId: string; directoryId: string; tokenPrefix: string | null }) {
  return new ScimRequestLog({
    ...who,
    method: req.method,
    path: url.pathname,
    query: redactQuery(url.search),
    clientIp: clientIpOf(req),
    userAgent: req.headers.get("user-agent"),
  });
}

/**
 * A rejected token is logged against the directory in the URL, when it exists, so support can see the 401s;
 * repeats from one address within a minute are counted in one entry (lib/audit/collapse-unauthenticated.ts).
 */
async function logUnauthenticated(req: Request, url: URL, directoryId: string, token: string | undefined, error: ScimError, startedAt: number) {
  await recordUnauthenticatedRequest({
    directoryId, method: req.method, path: url.pathname, query: redactQuery(url.search), clientIp: clientIpOf(req),
    userAgent: req.headers.get("user-agent"),
    // Only the display-length prefix of what was sent: enough to tell tokens apart, useless to an attacker.
    tokenPrefix: token ? token.slice(0, 14) : null,
    detail: error.message, latencyMs: Math.round(performance.now() - startedAt),
  }).catch((e: unknown) => console.error("Could not write the sync log:", e));
}

function clientIpOf(req: Request): string | null {
  return req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || req.headers.get("x-real-ip");
}

function bearerToken(header: string | null): string | undefined {
  const match = header?.match(/^\s*Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/** One mapper from anything thrown to a SCIM error (STYLE rule 5). */
export function toScimError(err: unknown): ScimError {
  if (err instanceof ScimError) return err;
  if (isStatementTimeout(err)) {
    return new ScimError(503, undefined,
      `The request took longer than ${config().scimStatementTimeoutMs / 1000} s in the database and was stopped; nothing was changed. Retry it later, or use a narrower filter.`,
      { "Retry-After": "5" });
  }
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
