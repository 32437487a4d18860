import { db } from "@/lib/db/client";
import { ScimError } from "@/lib/scim/errors";
import type { ScimResourceRecord } from "@/lib/scim/resources";

/** A group of this directory. 404 alike for "missing" and "another directory's". */
export async function getGroupOrThrow({ directoryId, groupId }: { directoryId: string; groupId: string }): Promise<ScimResourceRecord> {
  const group = await db.directoryGroup.findFirst({ where: { directoryId, id: groupId } });
  if (!group) throw new ScimError(404, undefined, `Group ${groupId} not found`);
  return { id: group.id, attributes: group.attributes as Record<string, unknown>, createdAt: group.createdAt, updatedAt: group.updatedAt, version: group.version };
}
