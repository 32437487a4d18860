import { db } from "@/lib/db/client";

/**
 * Staff OIDC signs in existing staff only: the email the provider vouches for must belong to an enabled
 * StaffUser. There is no sign-up through it, so a colleague outside the support team gets nothing.
 */
export async function staffMayUseOidc({ email, emailVerified }: { email: string | null | undefined; emailVerified: unknown }): Promise<boolean> {
  // A provider that says the address is unverified is not vouching for it.
  if (!email || emailVerified === false || emailVerified === "false") return false;
  const user = await db.staffUser.findFirst({ where: { email: email.trim(), disabledAt: null }, select: { id: true } });
  return user !== null;
}
