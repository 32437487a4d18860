export type PostResult = {
  /** null when no response came back. */
  statusCode: number | null;
  error: string | null;
  responseExcerpt: string | null;
  latencyMs: number;
};

const EXCERPT_BYTES = 1024;

/**
 * POSTs one webhook and reports what happened; never throws. Redirects are not followed: a signed event
 * must go only to the URL its owner registered, and a 3xx counts as a failure to fix at the endpoint.
 */
export async function postWebhook({
  url,
  body,
  headers,
  timeoutMs,
  signal,
}: {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Aborted when the worker must stop at once. */
  signal?: AbortSignal;
}): Promise<PostResult> {
  const started = performance.now();
  const timeout = AbortSignal.timeout(timeoutMs);
  const abort = signal ? AbortSignal.any([timeout, signal]) : timeout;
  try {
    const response = await fetch(url, { method: "POST", body, headers, redirect: "manual", signal: abort });
    const responseExcerpt = await readExcerpt(response);
    return { statusCode: response.status, error: null, responseExcerpt, latencyMs: elapsed(started) };
  } catch (err) {
    const error = timeout.aborted ? `timed out after ${timeoutMs} ms` : signal?.aborted ? "worker stopped during the request" : describe(err);
    return { statusCode: null, error, responseExcerpt: null, latencyMs: elapsed(started) };
  }
}

/** The first kilobyte of the body; the rest is not downloaded. */
async function readExcerpt(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < EXCERPT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A body cut off after the status line still leaves the status, which is what decides the outcome.
  } finally {
    await reader.cancel().catch(() => {});
  }
  if (size === 0) return null;
  const bytes = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES);
  // PostgreSQL text cannot hold NUL; a binary response is kept readable rather than refused.
  return bytes.toString("utf8").replace(/\u0000/g, "\uFFFD");
}

function describe(err: unknown): string {
  // undici puts the system error (ECONNREFUSED, ENOTFOUND, a TLS failure) in `cause`.
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  const text = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
  return text.split("\n")[0]!.slice(0, 500);
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
