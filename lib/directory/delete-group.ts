import { transaction } from "@/lib/db/sql";
import { lockGroupOrThrow } from "./lock-group-or-throw";

/** DELETE /Groups/{id}: the group and its memberships go; the users stay. */
export async function deleteGroup({ directoryId, groupId, ifMatch }: { directoryId: string; groupId: string; ifMatch?: string | null }) {
  await transaction(async (tx) => {
    await lockGroupOrThrow(tx, { directoryId, groupId, ifMatch });
    await tx.execute(`DELETE FROM "DirectoryGroup" WHERE "directoryId" = $1 AND "id" = $2`, [directoryId, groupId]);
  });
}
