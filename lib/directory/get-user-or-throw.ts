import { db, type DbTx } from "@/lib/db/client";
import { ScimError } from "@/lib/scim/errors";
import type { ScimResourceRecord } from "@/lib/scim/resources";
import { loadUserGroups } from "./load-user-groups";

/** A user of this directory, with its groups. 404 alike for "missing" and "another directory's". */
export async function getUserOrThrow(
  { directoryId, userId, withGroups = true }: { directoryId: string; userId: string; withGroups?: boolean },
  tx: DbTx = db,
): Promise<ScimResourceRecord> {
  const user = await tx.directoryUser.findFirst({ where: { directoryId, id: userId } });
  if (!user) throw new ScimError(404, undefined, `User ${userId} not found`);
  const groups = withGroups ? (await loadUserGroups(tx, directoryId, [user.id])).get(user.id) ?? [] : undefined;
  return { id: user.id, attributes: user.attributes as Record<string, unknown>, createdAt: user.createdAt, updatedAt: user.updatedAt, version: user.version, groups };
}
