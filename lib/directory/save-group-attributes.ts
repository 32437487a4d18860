import type { DbTx, Prisma } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/domain-error";
import { ScimError } from "@/lib/scim/errors";
import type { ScimResourceRecord } from "@/lib/scim/resources";

/** RFC 7644 §3.3: we keep displayName unique per directory, so a duplicate is 409 uniqueness. */
export function displayNameTaken(displayName: unknown) {
  return new ScimError(409, "uniqueness", `A group with displayName "${String(displayName)}" already exists in this directory`);
}

export function groupColumnsFrom(attributes: Record<string, unknown>) {
  return {
    displayName: String(attributes.displayName ?? ""),
    externalId: typeof attributes.externalId === "string" ? attributes.externalId : null,
  };
}

/** Stores a group's attributes and derived columns, bumping its version. */
export async function saveGroupAttributes(
  tx: DbTx,
  { directoryId, groupId, attributes }: { directoryId: string; groupId: string; attributes: Record<string, unknown> },
): Promise<ScimResourceRecord> {
  try {
    const group = await tx.directoryGroup.update({
      where: { directoryId_id: { directoryId, id: groupId } },
      data: { ...groupColumnsFrom(attributes), attributes: attributes as Prisma.InputJsonObject, version: { increment: 1 }, updatedAt: new Date() },
    });
    return { id: group.id, attributes, createdAt: group.createdAt, updatedAt: group.updatedAt, version: group.version };
  } catch (err) {
    if (isUniqueViolation(err)) throw displayNameTaken(attributes.displayName);
    throw err;
  }
}

/** Marks a group changed when only its members changed: the version (ETag) must still move. */
export async function touchGroup(tx: DbTx, { directoryId, groupId }: { directoryId: string; groupId: string }): Promise<ScimResourceRecord> {
  const group = await tx.directoryGroup.update({
    where: { directoryId_id: { directoryId, id: groupId } },
    data: { version: { increment: 1 }, updatedAt: new Date() },
  });
  return { id: group.id, attributes: group.attributes as Record<string, unknown>, createdAt: group.createdAt, updatedAt: group.updatedAt, version: group.version };
}
