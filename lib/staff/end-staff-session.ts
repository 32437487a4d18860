import { db } from "@/lib/db/client";

/** Signing out: the session stops working at once, even though its JWT has not expired. */
export async function endStaffSession({ sessionId }: { sessionId: string }) {
  const { count } = await db.staffSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
  return { ended: count > 0 };
}
