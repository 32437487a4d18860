import { cookies } from "next/headers";
import { cache } from "react";
import { verifyPortalSession, type PortalPrincipal, type PortalSessionVerification } from "@/lib/auth/verify-portal-session";
import { PORTAL_COOKIE } from "@/lib/portal/portal-cookie";

/**
 * The portal session of the page or server action being served, from its httpOnly cookie. Every portal page and
 * action starts here; the organisation comes from this lookup, never from the browser. Cached per request, so
 * that the layout and the page share one lookup.
 */
export const readPortalSession = cache(async (): Promise<PortalSessionVerification> => {
  const token = (await cookies()).get(PORTAL_COOKIE)?.value;
  if (!token) return { valid: false, reason: "unknown" };
  return verifyPortalSession({ token });
});

export type { PortalPrincipal };
