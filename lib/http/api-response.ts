import { readBodyLimited } from "./read-body-limited";
import { z, ZodError } from "zod";
import { DomainError, isUniqueViolation } from "@/lib/domain-error";

/** What every management API error looks like: `{ error: { code, message, fields } }`, never a stack trace. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Field-level messages, keyed by the field's name in the request (`organization_id`, `domains.0`). */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const NO_STORE = { "Cache-Control": "no-store" };
/** Larger bodies are refused before parsing; nothing this API takes comes near it. */
const MAX_BODY_BYTES = 1024 * 1024;

export function apiJson(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return Response.json(body, { status: init.status ?? 200, headers: { ...NO_STORE, ...init.headers } });
}

export function apiNoContent(): Response {
  return new Response(null, { status: 204, headers: NO_STORE });
}

/** A cursor-paginated list: `{ data, next_cursor }`, where `next_cursor` is null on the last page. */
export function apiList<T, U>(page: { data: T[]; nextCursor: string | null }, serialize: (row: T) => U): Response {
  return apiJson({ data: page.data.map(serialize), next_cursor: page.nextCursor });
}

export function apiErrorResponse(err: ApiError): Response {
  const headers: Record<string, string> = err.status === 401 ? { "WWW-Authenticate": 'Bearer realm="rollcall-api"' } : {};
  return apiJson({ error: { code: err.code, message: err.message, fields: err.fields } }, { status: err.status, headers });
}

const DOMAIN_STATUS = { NOT_FOUND: [404, "not_found"], CONFLICT: [409, "conflict"], INVALID_INPUT: [400, "invalid_input"], FORBIDDEN: [403, "forbidden"] } as const;

/** The one mapper from anything thrown in an API route to an API error (STYLE rule 5). */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ZodError) return fromZodError(err);
  if (err instanceof DomainError) {
    const [status, code] = DOMAIN_STATUS[err.code];
    // Field names follow the API's spelling: domain functions name `organizationId`, requests send `organization_id`.
    const fields = err.field && (status === 400 || status === 409) ? { [snakeCase(err.field)]: err.message } : {};
    return new ApiError(status, code, err.message, fields);
  }
  if (isUniqueViolation(err)) return new ApiError(409, "conflict", "A resource with the same unique value already exists");
  // Ours, not the caller's: log it whole, answer without internals.
  console.error("Management API request failed:", err);
  return new ApiError(500, "internal_error", "Internal server error; the request may not have been applied");
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/-/g, "_");
}

function fromZodError(err: ZodError): ApiError {
  const fields: Record<string, string> = {};
  for (const issue of err.issues) {
    const at = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) fields[at ? `${at}.${key}` : key] ??= "is not a known field";
    } else {
      fields[at || "body"] ??= issue.message;
    }
  }
  const [first] = Object.entries(fields);
  // A message that is a sentence of its own (the portal's "Enter the client ID", reused by the API) reads
  // without the field's name in front of it; `fields` still says where it belongs.
  const summary = first && (/^[A-Z]/.test(first[1]) ? first[1] : `${first[0]} ${first[1]}`);
  return new ApiError(400, "invalid_input", summary ? `Invalid request: ${summary}` : "Invalid request", fields);
}

/** Messages that read after the field's name ("limit must be a number") where a schema sets none of its own. */
const apiErrorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === "invalid_type") return issue.input === undefined ? "is required" : `must be ${/^[aeiou]/.test(issue.expected) ? "an" : "a"} ${issue.expected}`;
  if (issue.code === "invalid_value") return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  return undefined;
};

/** Parses request input against a schema; problems become one 400 with a message per field. */
export function parseRequest<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input, { error: apiErrorMap, reportInput: true });
  if (!result.success) throw fromZodError(result.error);
  return result.data;
}

/** The query string as a plain object, for `parseRequest`; a repeated parameter keeps its last value. */
export function queryOf(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams);
}

/**
 * The JSON body, or `{}` when there is none. Anything that is not JSON is refused with a clear 4xx. The limit
 * is counted as the body streams in, as SCIM does: a chunked body without Content-Length was read whole before
 * its 413 (issue 12, item 10).
 */
export async function readJsonBody(req: Request): Promise<unknown> {
  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) throw new ApiError(413, "payload_too_large", "The request body is larger than 1 MB");
  const bytes = await readBodyLimited(req.body, MAX_BODY_BYTES);
  if (!bytes) throw new ApiError(413, "payload_too_large", "The request body is larger than 1 MB");
  const text = new TextDecoder().decode(bytes);
  if (text.trim() === "") return {};
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) throw new ApiError(415, "unsupported_media_type", "Send the body as JSON, with Content-Type: application/json");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, "invalid_json", "The request body is not valid JSON");
  }
}

export type ServerSentEvent = { id?: string; event?: string; data: unknown };

/**
 * A Server-Sent Events response fed by `source`, which gets a signal that aborts when the client goes away
 * (the request's own signal, or the response stream being cancelled). A comment line every `heartbeatMs`
 * keeps proxies from closing an idle connection and lets the client notice a dead one.
 */
export function sseResponse(source: (signal: AbortSignal) => AsyncIterable<ServerSentEvent>, { signal, heartbeatMs = 15_000 }: { signal: AbortSignal; heartbeatMs?: number }): Response {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener("abort", onAbort, { once: true });
  const encoder = new TextEncoder();

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (chunk: string) => {
        if (stop.signal.aborted) return;
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          stop.abort();
        }
      };
      const heartbeat = setInterval(() => write(": heartbeat\n\n"), heartbeatMs);
      // A reconnecting EventSource waits this long before it tries again.
      write("retry: 2000\n\n");
      void (async () => {
        try {
          for await (const event of source(stop.signal)) {
            write(`${event.id ? `id: ${event.id}\n` : ""}${event.event ? `event: ${event.event}\n` : ""}data: ${JSON.stringify(event.data)}\n\n`);
            if (stop.signal.aborted) break;
          }
        } catch (err) {
          if (!stop.signal.aborted) {
            console.error("Management API event stream failed:", err);
            write(`event: error\ndata: ${JSON.stringify({ code: "internal_error", message: "The stream failed; reconnect to resume" })}\n\n`);
          }
        } finally {
          clearInterval(heartbeat);
          signal.removeEventListener("abort", onAbort);
          stop.abort();
          try {
            controller.close();
          } catch {
            // Already cancelled by the client going away: nothing left to close.
          }
        }
      })();
    },
    cancel() {
      stop.abort();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      Connection: "keep-alive",
      // nginx buffers responses by default, which would hold events back.
      "X-Accel-Buffering": "no",
    },
  });
}
