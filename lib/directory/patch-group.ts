import type { ScimRequestLog } from "@/lib/audit/scim-request-log";
import { transaction } from "@/lib/db/sql";
import { applyPatch } from "@/lib/scim/patch";
import type { PatchOperation } from "@/lib/scim/requests";
import type { ScimResourceRecord } from "@/lib/scim/resources";
import { applyMemberOps } from "./group-members";
import { lockResourceOrThrow } from "./lock-resource-or-throw";
import { saveGroupAttributes, touchGroup } from "./save-group-attributes";
import type { DirectoryRef } from "./types";

/**
 * PATCH /Groups/{id} (RFC 7644 §3.5.2), atomic: attribute changes, member changes, their events and the
 * sync-log entry commit together or not at all. The group row is locked first, so concurrent PATCHes of one
 * group apply in turn.
 */
export async function patchGroup(
  { directory, groupId, operations, ifMatch, successStatus, log }: {
    directory: DirectoryRef; groupId: string; operations: PatchOperation[]; ifMatch?: string | null; successStatus: number; log?: ScimRequestLog;
  },
): Promise<ScimResourceRecord> {
  return transaction(async (tx) => {
    const group = await lockResourceOrThrow(tx, { resourceType: "Group", directoryId: directory.id, id: groupId, ifMatch });
    const result = applyPatch(group.attributes, operations, "Group", { id: groupId });
    const name = String(result.resource.displayName ?? group.attributes.displayName ?? "");
    log?.about("Group", groupId, name);
    const attributesChanged = result.changed && JSON.stringify(result.resource) !== JSON.stringify(group.attributes);
    let record: ScimResourceRecord = group;
    if (attributesChanged) record = await saveGroupAttributes(tx, { directory, groupId, attributes: result.resource, log });
    const { added, removed } = await applyMemberOps(tx, directory, { id: groupId, name }, result.memberOps);
    log?.action("group.member_added", added);
    log?.action("group.member_removed", removed);
    if (added + removed > 0 && !attributesChanged) record = await touchGroup(tx, { directoryId: directory.id, groupId });
    if (attributesChanged || added + removed > 0) await log?.writeIn(tx, successStatus);
    return record;
  });
}
