import { ScimError } from "@/lib/scim/errors";

/** RFC 7644 §3.1: SCIM responses are application/scim+json. */
export const SCIM_CONTENT_TYPE = "application/scim+json; charset=utf-8";

/** RFC 7644 §3.2 leaves the size to the provider; 1 MB is far above any real user or group PATCH. */
export const MAX_BODY_BYTES = 1024 * 1024;

export function scimJson(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { "Content-Type": SCIM_CONTENT_TYPE, "Cache-Control": "no-store", ...init.headers },
  });
}

export function scimNoContent(headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store", ...headers } });
}

export function scimErrorResponse(error: ScimError): Response {
  // RFC 6750 §3: a 401 says which scheme to use.
  const headers: Record<string, string> = error.status === 401 ? { "WWW-Authenticate": 'Bearer realm="Rollcall SCIM", error="invalid_token"' } : {};
  return scimJson(error.toJSON(), { status: error.status, headers });
}

/**
 * Reads a JSON request body: application/scim+json or application/json (RFC 7644 §3.1; many clients send
 * the latter), at most MAX_BODY_BYTES, counted as it streams in so an oversized body is never held whole.
 */
export async function readScimJson(req: Request): Promise<unknown> {
  const contentType = req.headers.get("content-type");
  if (contentType && !/^application\/(scim\+)?json\b/i.test(contentType.trim())) {
    throw new ScimError(415, undefined, `Content-Type ${contentType} is not supported; send application/scim+json or application/json`);
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const text = await readLimited(req);
  if (text.trim() === "") throw new ScimError(400, "invalidSyntax", "The request body is empty; send a JSON object");
  try {
    return JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : "malformed";
    throw new ScimError(400, "invalidSyntax", `The request body is not valid JSON: ${reason}`);
  }
}

function tooLarge() {
  return new ScimError(413, undefined, `The request body is larger than ${MAX_BODY_BYTES} bytes`);
}

async function readLimited(req: Request): Promise<string> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
