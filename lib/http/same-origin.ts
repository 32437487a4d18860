import { config } from "@/lib/config";

/**
 * Did this request come from our own pages? Browsers send Sec-Fetch-Site and Origin on every state-changing
 * request, and a cross-site one is refused even though it carries the session cookie (CSRF).
 */
export function isSameOrigin(req: Request): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin") return false;
  const origin = req.headers.get("origin");
  if (!origin) return site === "same-origin";
  const allowed = new Set([new URL(config().appUrl).origin, new URL(req.url).origin]);
  return allowed.has(origin);
}
