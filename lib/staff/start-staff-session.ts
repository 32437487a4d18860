import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { STAFF_SESSION_MAX_AGE_SECONDS } from "./staff-session-policy";

/** Opens a console session for an enabled member of staff; null when the user is unknown or disabled. */
export async function startStaffSession({ staffUserId, email }: { staffUserId?: string; email?: string }) {
  const user = await db.staffUser.findFirst({ where: { ...(staffUserId ? { id: staffUserId } : { email: email ?? "" }), disabledAt: null } });
  if (!user) return null;
  const now = new Date();
  const [session] = await db.$transaction([
    db.staffSession.create({ data: { id: newId("sts"), staffUserId: user.id, expiresAt: new Date(now.getTime() + STAFF_SESSION_MAX_AGE_SECONDS * 1000) } }),
    db.staffUser.update({ where: { id: user.id }, data: { lastSignInAt: now } }),
  ]);
  return { session, staffUser: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
