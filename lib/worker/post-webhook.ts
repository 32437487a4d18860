import { Agent, request } from "undici";
import { findBlockedAddress, guardedAgent, isPublicAddress } from "@/lib/http/outbound-address";

export type PostResult = {
  /** null when no response came back. */
  statusCode: number | null;
  error: string | null;
  responseExcerpt: string | null;
  latencyMs: number;
};

const EXCERPT_BYTES = 1024;

/**
 * The worker's connections to endpoints, kept alive between deliveries (most go to a few endpoints).
 * undici's `request`, not `fetch`: the WHATWG layers (Request and Response objects, web streams, combined
 * abort signals) cost the worker about four times the CPU per delivery, CPU taken from the SCIM server on a
 * shared machine.
 */
const agent = new Agent({ keepAliveTimeout: 4_000, connections: 16 });

/**
 * The same, for endpoints that must reach public addresses only (an organisation's): every connection's
 * resolved and connected address is checked by the connector, so a refused address is never sent a byte,
 * and neither its answer nor whether it answers (a port scan) reaches the endpoint's owner.
 */
const publicAgent = guardedAgent(isPublicAddress, { keepAliveTimeout: 4_000, connections: 16 });

/**
 * POSTs one webhook and reports what happened; never throws. Redirects are not followed (`request` never
 * does): a signed event must go only to the URL its owner registered, and a 3xx counts as a failure to fix
 * at the endpoint.
 */
export async function postWebhook({
  url,
  body,
  headers,
  timeoutMs,
  signal,
  publicOnly,
}: {
  url: string;
  body: string;
  headers: Record<string, string>;
  /** From connecting to the last byte read. */
  timeoutMs: number;
  /** Aborted when the worker must stop at once. */
  signal?: AbortSignal;
  /** Connect only to public addresses (SSRF): an organisation's endpoint. */
  publicOnly: boolean;
}): Promise<PostResult> {
  const started = performance.now();
  if (signal?.aborted) return { statusCode: null, error: STOPPED, responseExcerpt: null, latencyMs: 0 };
  // One controller and one timer per request, rather than AbortSignal.timeout() combined by AbortSignal.any().
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const stop = () => controller.abort();
  signal?.addEventListener("abort", stop, { once: true });
  try {
    const response = await request(url, { method: "POST", body, headers, signal: controller.signal, dispatcher: publicOnly ? publicAgent : agent });
    const responseExcerpt = await readExcerpt(response.body);
    return { statusCode: response.statusCode, error: null, responseExcerpt, latencyMs: elapsed(started) };
  } catch (err) {
    const error = timedOut ? `timed out after ${timeoutMs} ms` : signal?.aborted ? STOPPED : describe(err);
    return { statusCode: null, error, responseExcerpt: null, latencyMs: elapsed(started) };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", stop);
  }
}

const STOPPED = "worker stopped during the request";

/** The first kilobyte of the body; the rest is not downloaded (leaving the loop early destroys the stream). */
async function readExcerpt(body: AsyncIterable<Buffer>): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      chunks.push(chunk);
      size += chunk.byteLength;
      if (size >= EXCERPT_BYTES) break;
    }
  } catch {
    // A body cut off after the status line still leaves the status, which is what decides the outcome.
  }
  if (size === 0) return null;
  const bytes = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES);
  // PostgreSQL text cannot hold NUL; a binary response is kept readable rather than refused.
  return bytes.toString("utf8").replace(/\u0000/g, "\uFFFD");
}

function describe(err: unknown): string {
  const blocked = findBlockedAddress(err);
  if (blocked) return `refused: ${blocked.message}; an organization's webhook endpoint must be on the public internet`;
  // undici names system errors by code (ECONNREFUSED, ENOTFOUND, a TLS failure), directly or in `cause`.
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } } | undefined;
  const code = e?.code && !e.code.startsWith("UND_ERR") ? e.code : undefined;
  const text = code ?? e?.cause?.code ?? e?.message ?? String(err);
  return text.split("\n")[0]!.slice(0, 500);
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
