import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/domain-error";

/** Stops a member of staff from signing in, and ends their open console sessions at once. */
export async function disableStaffUser({ email }: { email: string }) {
  const now = new Date();
  return db.$transaction(async (tx) => {
    const user = await tx.staffUser.findUnique({ where: { email: email.trim() } });
    if (!user) throw new DomainError("NOT_FOUND", `No staff user with email ${email}`, "email");
    const updated = await tx.staffUser.update({ where: { id: user.id }, data: { disabledAt: user.disabledAt ?? now }, select: { id: true, email: true, role: true, disabledAt: true } });
    const { count } = await tx.staffSession.updateMany({ where: { staffUserId: user.id, revokedAt: null, expiresAt: { gt: now } }, data: { revokedAt: now } });
    return { staffUser: updated, sessionsEnded: count };
  });
}
