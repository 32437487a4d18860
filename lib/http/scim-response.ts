import { ScimError } from "@/lib/scim/errors";
import { readBodyLimited } from "./read-body-limited";

/** RFC 7644 §3.1: SCIM responses are application/scim+json. */
export const SCIM_CONTENT_TYPE = "application/scim+json; charset=utf-8";

/** RFC 7644 §3.2 leaves the size to the provider; 1 MB is far above any real user or group PATCH. */
export const MAX_BODY_BYTES = 1024 * 1024;

export function scimJson(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  const text = JSON.stringify(body);
  const headers = { "Content-Type": SCIM_CONTENT_TYPE, "Cache-Control": "no-store", ...init.headers };
  return withWire(new Response(text, { status: init.status ?? 200, headers }), text, headers);
}

export function scimNoContent(headers: Record<string, string> = {}): Response {
  const all = { "Cache-Control": "no-store", ...headers };
  return withWire(new Response(null, { status: 204, headers: all }), null, all);
}

/**
 * Issue 13: the text and headers a SCIM response was made of, kept on it for the production server's direct SCIM path
 * (lib/server/serve-scim-route.mjs), which writes them to the socket as they are instead of reading the body back out
 * of the Response through a web stream. Next.js (`next dev`) reads the Response itself and never looks. A response is
 * never changed after it is made, so the two cannot differ.
 */
const WIRE = Symbol.for("rollcall.scim-response-wire");

function withWire(response: Response, text: string | null, headers: Record<string, string>): Response {
  Object.defineProperty(response, WIRE, { value: { text, headers } });
  return response;
}

export function scimErrorResponse(error: ScimError): Response {
  // RFC 6750 §3: a 401 says which scheme to use.
  const headers: Record<string, string> = error.status === 401 ? { "WWW-Authenticate": 'Bearer realm="Rollcall SCIM", error="invalid_token"' } : {};
  return scimJson(error.toJSON(), { status: error.status, headers: { ...headers, ...error.headers } });
}

/**
 * Reads a JSON request body: application/scim+json or application/json (RFC 7644 §3.1; many clients send
 * the latter), at most MAX_BODY_BYTES, counted as it streams in so an oversized body is never held whole.
 */
export async function readScimJson(req: Request): Promise<unknown> {
  const contentType = req.headers.get("content-type");
  if (contentType && !/^application\/(scim\+)?json\s*(;|$)/i.test(contentType.trim())) {
    throw new ScimError(415, undefined, `Content-Type ${contentType} is not supported; send application/scim+json or application/json`);
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const bytes = await readBodyLimited(req.body, MAX_BODY_BYTES);
  if (!bytes) throw tooLarge();
  const text = bytes.toString("utf8");
  if (text.trim() === "") throw new ScimError(400, "invalidSyntax", "The request body is empty; send a JSON object");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ScimError(400, "invalidSyntax", `The request body is not valid JSON: ${jsonSyntaxReason(err)}`);
  }
  assertStorable(value, "", 0);
  return value;
}

/**
 * V8's own reason, only when it quotes nothing of the body: "Unexpected token 'p', "password: hunter2" is not
 * valid JSON" would put the body, secrets and all, into the error detail that the sync log stores (issue 12).
 * The reasons kept name the grammar and a position ("Expected ',' or '}' after property value in JSON at position 21").
 */
function jsonSyntaxReason(err: unknown): string {
  const message = err instanceof Error ? err.message : "";
  if (/^[^"]*(in JSON at position \d+( \(line \d+ column \d+\))?|Unexpected end of JSON input)$/.test(message)) return message;
  return "unexpected character";
}

/** Deep enough for any real resource; deeper input is an attack on recursive code, not a user. */
const MAX_JSON_DEPTH = 32;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Refuses what PostgreSQL cannot store (NUL characters, unpaired UTF-16 surrogates) and absurd nesting,
 * as a 400 naming the attribute, instead of letting the database fail the request with a 500.
 */
function assertStorable(value: unknown, path: string, depth: number): void {
  if (depth > MAX_JSON_DEPTH) throw new ScimError(400, "invalidValue", `${path || "The body"} is nested more than ${MAX_JSON_DEPTH} levels deep`);
  if (typeof value === "string") {
    if (value.includes("\u0000")) throw new ScimError(400, "invalidValue", `${path || "A value"} contains a NUL character (\\u0000), which cannot be stored`);
    if (LONE_SURROGATE.test(value)) throw new ScimError(400, "invalidValue", `${path || "A value"} contains an unpaired UTF-16 surrogate, which is not valid Unicode`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertStorable(item, `${path}[${i}]`, depth + 1));
    return;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      assertStorable(key, path ? `${path}.${key}` : key, depth + 1);
      assertStorable(item, path ? `${path}.${key}` : key, depth + 1);
    }
  }
}

function tooLarge() {
  return new ScimError(413, undefined, `The request body is larger than ${MAX_BODY_BYTES} bytes`);
}

