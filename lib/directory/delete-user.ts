import { db } from "@/lib/db/client";
import { ScimError } from "@/lib/scim/errors";
import { lockUserOrThrow } from "./lock-user-or-throw";

/** DELETE /Users/{id}: the user and its memberships go; a second DELETE is 404 (RFC 7644 §3.6). */
export async function deleteUser({ directoryId, userId, ifMatch }: { directoryId: string; userId: string; ifMatch?: string | null }) {
  await db.$transaction(async (tx) => {
    await lockUserOrThrow(tx, { directoryId, userId, ifMatch });
    const { count } = await tx.directoryUser.deleteMany({ where: { directoryId, id: userId } });
    if (count === 0) throw new ScimError(404, undefined, `User ${userId} not found`);
  });
}
