import { db } from "@/lib/db/client";
import { settleSuccessfulSignIn, takeSignInAttempt } from "./staff-sign-in-limiter";
import { staffPasswordDecoy, verifyStaffPassword } from "./staff-password";

export type StaffPasswordResult =
  | { ok: true; staffUser: { id: string; email: string; name: string | null; role: "admin" | "support" } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterMs: number };

/**
 * Checks a staff email and password. Unknown email, wrong password, a disabled user and one without a
 * password all answer "invalid" alike, so that the form does not reveal who is on the staff. Every attempt is
 * counted, per email and per client address, before the password is checked; past the limit, even the right
 * password is refused until the window ends. A success gives its attempt back.
 */
export async function authenticateStaffPassword({ email, password, ip }: { email: string; password: string; ip: string | null }): Promise<StaffPasswordResult> {
  const normalized = email.trim();
  const allowance = await takeSignInAttempt({ email: normalized, ip });
  if (!allowance.allowed) return { ok: false, reason: "rate_limited", retryAfterMs: allowance.retryAfterMs };

  const user = normalized ? await db.staffUser.findUnique({ where: { email: normalized } }) : null;
  const matches = await verifyStaffPassword(user?.passwordHash ?? (await staffPasswordDecoy()), password);
  if (!user || !user.passwordHash || user.disabledAt || !matches) return { ok: false, reason: "invalid" };
  await settleSuccessfulSignIn({ email: normalized, ip });
  return { ok: true, staffUser: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
