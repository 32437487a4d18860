import type { ScimRequestLog } from "@/lib/audit/scim-request-log";
import { transaction } from "@/lib/db/sql";
import type { GroupBody } from "@/lib/scim/requests";
import type { ScimResourceRecord } from "@/lib/scim/resources";
import { applyMemberOps } from "./group-members";
import { lockResourceOrThrow } from "./lock-resource-or-throw";
import { saveGroupAttributes } from "./save-group-attributes";
import type { DirectoryRef } from "./types";

/**
 * PUT /Groups/{id} (RFC 7644 §3.5.1). `members` in the body replaces the membership; a body without the
 * key leaves it as it is, since some clients PUT the group's attributes only.
 */
export async function replaceGroup(
  { directory, groupId, body, ifMatch, log }: { directory: DirectoryRef; groupId: string; body: GroupBody; ifMatch?: string | null; log?: ScimRequestLog },
): Promise<ScimResourceRecord> {
  return transaction(async (tx) => {
    await lockResourceOrThrow(tx, { resourceType: "Group", directoryId: directory.id, id: groupId, ifMatch });
    log?.about("Group", groupId, String(body.attributes.displayName ?? ""));
    const saved = await saveGroupAttributes(tx, { directory, groupId, attributes: body.attributes, log });
    if (body.members) {
      const { added, removed } = await applyMemberOps(tx, directory, { id: groupId, name: String(body.attributes.displayName) }, [{ kind: "replace", members: body.members }]);
      log?.action("group.member_added", added);
      log?.action("group.member_removed", removed);
    }
    await log?.writeIn(tx, 200);
    return saved;
  });
}
