import { assertIndexable } from "./assert-indexable";
import { transaction } from "@/lib/db/sql";
import { isUniqueViolation } from "@/lib/domain-error";
import { newId } from "@/lib/ids";
import type { GroupBody } from "@/lib/scim/requests";
import type { ScimResourceRecord } from "@/lib/scim/resources";
import { applyMemberOps } from "./group-members";
import { RESOURCE_COLUMNS, type ResourceRow } from "./resource-row";
import { displayNameTaken, groupColumnsFrom } from "./save-group-attributes";
import type { DirectoryRef } from "./types";

/** POST /Groups. Members sent with the group are stored with it, in the same transaction (Okta relies on it). */
export async function createGroup({ directory, body }: { directory: DirectoryRef; body: GroupBody }): Promise<ScimResourceRecord> {
  const c = assertIndexable(groupColumnsFrom(body.attributes));
  try {
    return await transaction(async (tx) => {
      const [group] = await tx.query<ResourceRow>(
        `INSERT INTO "DirectoryGroup" ("id", "organizationId", "directoryId", "displayName", "externalId", "attributes")
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${RESOURCE_COLUMNS}`,
        [newId("grp"), directory.organizationId, directory.id, c.displayName, c.externalId, JSON.stringify(body.attributes)],
      );
      if (body.members?.length) await applyMemberOps(tx, directory, group!.id, [{ kind: "add", members: body.members }]);
      return group!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw displayNameTaken(body.attributes.displayName);
    throw err;
  }
}
