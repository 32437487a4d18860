import { db } from "@/lib/db/client";

/** Every member of staff, oldest first, without password hashes. The staff is small; no pagination needed. */
export async function listStaffUsers() {
  return db.staffUser.findMany({
    select: { id: true, email: true, name: true, role: true, createdAt: true, disabledAt: true, lastSignInAt: true, passwordHash: true },
    orderBy: { id: "asc" },
  }).then((rows) => rows.map(({ passwordHash, ...row }) => ({ ...row, hasPassword: passwordHash !== null })));
}
