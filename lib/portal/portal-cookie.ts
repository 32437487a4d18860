import { config } from "@/lib/config";

/** The portal session cookie. Scoped to /setup: nothing else in the app reads it. */
export const PORTAL_COOKIE = "rollcall_portal";

/**
 * httpOnly so that no script can read the session; SameSite=Lax so that a cross-site POST never carries it
 * (server actions also refuse a foreign Origin). Secure whenever the app is served over https.
 */
export function portalCookieOptions(expires: Date) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: config().appUrl.startsWith("https://"),
    path: "/setup",
    expires,
  };
}

/** The cookie's value from a raw Cookie header, for route handlers that get a plain Request. */
export function portalCookieFrom(cookieHeader: string | null): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === PORTAL_COOKIE) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}
