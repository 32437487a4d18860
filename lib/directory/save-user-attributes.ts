import type { DbTx, Prisma } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/domain-error";
import { userColumnsFrom, type ScimResourceRecord } from "@/lib/scim/resources";
import { userNameTaken } from "./create-user";
import { loadUserGroups } from "./load-user-groups";

/** Stores a user's new attributes and the columns derived from them, bumping its version. */
export async function saveUserAttributes(
  tx: DbTx,
  { directoryId, userId, attributes }: { directoryId: string; userId: string; attributes: Record<string, unknown> },
): Promise<ScimResourceRecord> {
  const columns = userColumnsFrom(attributes);
  try {
    const user = await tx.directoryUser.update({
      where: { directoryId_id: { directoryId, id: userId } },
      data: { ...columns, attributes: attributes as Prisma.InputJsonObject, version: { increment: 1 }, updatedAt: new Date() },
    });
    const groups = (await loadUserGroups(tx, directoryId, [userId])).get(userId) ?? [];
    return { id: user.id, attributes, createdAt: user.createdAt, updatedAt: user.updatedAt, version: user.version, groups };
  } catch (err) {
    if (isUniqueViolation(err)) throw userNameTaken(columns.userName);
    throw err;
  }
}
