/** RFC 7644 §3.12: every SCIM error answers with this schema. */
export const SCIM_ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error";

/**
 * RFC 7644 §3.12, Table 9, plus 403 and 405 that the RFC's status list also names, and 429 and 503 (RFC 9110,
 * RFC 6585) for the limits that keep one tenant from exhausting the server, both with Retry-After.
 */
export type ScimStatus = 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 415 | 429 | 500 | 501 | 503;

/** RFC 7644 §3.12, Table 9. */
export type ScimType =
  | "invalidFilter"
  | "tooMany"
  | "uniqueness"
  | "mutability"
  | "invalidSyntax"
  | "invalidPath"
  | "noTarget"
  | "invalidValue"
  | "invalidVers"
  | "sensitive";

/** The one SCIM error type. Everything a SCIM route can answer with, other than success, is one of these. */
export class ScimError extends Error {
  constructor(
    readonly status: ScimStatus,
    readonly scimType?: ScimType,
    detail?: string,
    /** Response headers the error needs, such as `Allow` on a 405 (RFC 9110 §15.5.6). */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? defaultDetail(status));
    this.name = "ScimError";
  }

  toJSON() {
    return {
      schemas: [SCIM_ERROR_URN],
      status: String(this.status),
      ...(this.scimType && { scimType: this.scimType }),
      detail: this.message,
    };
  }
}

function defaultDetail(status: ScimStatus): string {
  switch (status) {
    case 400: return "Bad request";
    case 401: return "Invalid SCIM token";
    case 403: return "Forbidden";
    case 404: return "Resource not found";
    case 405: return "Method not allowed";
    case 409: return "Conflict";
    case 412: return "Precondition failed: the resource has changed";
    case 413: return "Request body too large";
    case 415: return "Unsupported media type";
    case 429: return "Too many requests";
    case 501: return "Not implemented";
    case 503: return "Service unavailable";
    default: return "Internal server error";
  }
}
