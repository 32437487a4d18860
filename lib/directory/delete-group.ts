import { db } from "@/lib/db/client";
import { lockGroupOrThrow } from "./lock-group-or-throw";

/** DELETE /Groups/{id}: the group and its memberships go; the users stay. */
export async function deleteGroup({ directoryId, groupId, ifMatch }: { directoryId: string; groupId: string; ifMatch?: string | null }) {
  await db.$transaction(async (tx) => {
    await lockGroupOrThrow(tx, { directoryId, groupId, ifMatch });
    await tx.directoryGroup.deleteMany({ where: { directoryId, id: groupId } });
  });
}
