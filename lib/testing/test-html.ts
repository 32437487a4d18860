// Small pieces shared by the loopback servers that a browser drives in tests (the SAML IdP, the host app).
import type http from "node:http";

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** An HTML page; `body` is already escaped. */
export function sendHtml(res: http.ServerResponse, status: number, title: string, body: string, headers: Record<string, string | string[]> = {}) {
  res
    .writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...headers })
    .end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`);
}

/** An application/x-www-form-urlencoded body. */
export async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

/** The request's cookies by name. */
export function readCookies(req: http.IncomingMessage): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0) jar.set(part.slice(0, at).trim(), decodeURIComponent(part.slice(at + 1).trim()));
  }
  return jar;
}
