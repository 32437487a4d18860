import { transaction } from "@/lib/db/sql";
import { applyPatch } from "@/lib/scim/patch";
import type { PatchOperation } from "@/lib/scim/requests";
import type { ScimResourceRecord } from "@/lib/scim/resources";
import { applyMemberOps } from "./group-members";
import { lockGroupOrThrow } from "./lock-group-or-throw";
import { saveGroupAttributes, touchGroup } from "./save-group-attributes";
import type { DirectoryRef } from "./types";

/**
 * PATCH /Groups/{id} (RFC 7644 §3.5.2), atomic: attribute changes and member changes commit together or
 * not at all. The group row is locked first, so concurrent PATCHes of one group apply in turn.
 */
export async function patchGroup(
  { directory, groupId, operations, ifMatch }: { directory: DirectoryRef; groupId: string; operations: PatchOperation[]; ifMatch?: string | null },
): Promise<ScimResourceRecord> {
  return transaction(async (tx) => {
      const group = await lockGroupOrThrow(tx, { directoryId: directory.id, groupId, ifMatch });
      const result = applyPatch(group.attributes, operations, "Group", { id: groupId });
      const attributesChanged = result.changed && JSON.stringify(result.resource) !== JSON.stringify(group.attributes);
      let record: ScimResourceRecord = group;
      if (attributesChanged) record = await saveGroupAttributes(tx, { directoryId: directory.id, groupId, attributes: result.resource });
      const membersChanged = await applyMemberOps(tx, directory, groupId, result.memberOps);
      if (membersChanged > 0 && !attributesChanged) record = await touchGroup(tx, { directoryId: directory.id, groupId });
      return record;
  });
}
