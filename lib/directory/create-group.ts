import { db, type Prisma } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/domain-error";
import { newId } from "@/lib/ids";
import type { GroupBody } from "@/lib/scim/requests";
import type { ScimResourceRecord } from "@/lib/scim/resources";
import { applyMemberOps } from "./group-members";
import { displayNameTaken, groupColumnsFrom } from "./save-group-attributes";
import type { DirectoryRef } from "./types";

/** POST /Groups. Members sent with the group are stored with it, in the same transaction (Okta relies on it). */
export async function createGroup({ directory, body }: { directory: DirectoryRef; body: GroupBody }): Promise<ScimResourceRecord> {
  try {
    return await db.$transaction(async (tx) => {
      const group = await tx.directoryGroup.create({
        data: {
          id: newId("grp"),
          organizationId: directory.organizationId,
          directoryId: directory.id,
          ...groupColumnsFrom(body.attributes),
          attributes: body.attributes as Prisma.InputJsonObject,
        },
      });
      if (body.members?.length) await applyMemberOps(tx, directory, group.id, [{ kind: "add", members: body.members }]);
      return { id: group.id, attributes: body.attributes, createdAt: group.createdAt, updatedAt: group.updatedAt, version: group.version };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw displayNameTaken(body.attributes.displayName);
    throw err;
  }
}
