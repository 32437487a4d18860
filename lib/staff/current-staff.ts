import { cookies, headers } from "next/headers";
import { decode } from "next-auth/jwt";
import { cache } from "react";
import { nextAuthSecret } from "./next-auth-secret";
import { requestClientIp } from "./request-client-ip";
import { staffSessionCookieName } from "./staff-auth-options";
import { verifyStaffSession, type StaffPrincipal } from "./verify-staff-session";

export type StaffContext = StaffPrincipal & { clientIp: string | null };

/**
 * The member of staff behind this request, or null. The next-auth JWT (signed and encrypted) names a
 * StaffSession; the row must still be live and its user enabled. Every console entry point (pages, JSON
 * routes, server actions) comes through here. Cached per request: a console page's layouts and the page itself
 * each ask, and one lookup answers them all.
 */
export const currentStaff = cache(async (): Promise<StaffContext | null> => {
  const jar = await cookies();
  const raw = jar.get(staffSessionCookieName())?.value;
  if (!raw) return null;
  let sid: unknown;
  try {
    sid = (await decode({ token: raw, secret: nextAuthSecret() }))?.sid;
  } catch {
    return null;
  }
  if (typeof sid !== "string") return null;
  const principal = await verifyStaffSession({ sessionId: sid });
  if (!principal) return null;
  const h = await headers();
  return { ...principal, clientIp: requestClientIp((name) => h.get(name)) };
});
