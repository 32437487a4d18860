import { transaction } from "@/lib/db/sql";
import { lockUserOrThrow } from "./lock-user-or-throw";

/** DELETE /Users/{id}: the user and its memberships go; a second DELETE is 404 (RFC 7644 §3.6). */
export async function deleteUser({ directoryId, userId, ifMatch }: { directoryId: string; userId: string; ifMatch?: string | null }) {
  await transaction(async (tx) => {
    await lockUserOrThrow(tx, { directoryId, userId, ifMatch });
    await tx.execute(`DELETE FROM "DirectoryUser" WHERE "directoryId" = $1 AND "id" = $2`, [directoryId, userId]);
  });
}
