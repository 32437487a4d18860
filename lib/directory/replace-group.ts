import { transaction } from "@/lib/db/sql";
import type { GroupBody } from "@/lib/scim/requests";
import type { ScimResourceRecord } from "@/lib/scim/resources";
import { applyMemberOps } from "./group-members";
import { lockGroupOrThrow } from "./lock-group-or-throw";
import { saveGroupAttributes } from "./save-group-attributes";
import type { DirectoryRef } from "./types";

/**
 * PUT /Groups/{id} (RFC 7644 §3.5.1). `members` in the body replaces the membership; a body without the
 * key leaves it as it is, since some clients PUT the group's attributes only.
 */
export async function replaceGroup(
  { directory, groupId, body, ifMatch }: { directory: DirectoryRef; groupId: string; body: GroupBody; ifMatch?: string | null },
): Promise<ScimResourceRecord> {
  return transaction(async (tx) => {
    await lockGroupOrThrow(tx, { directoryId: directory.id, groupId, ifMatch });
    const saved = await saveGroupAttributes(tx, { directoryId: directory.id, groupId, attributes: body.attributes });
    if (body.members) await applyMemberOps(tx, directory, groupId, [{ kind: "replace", members: body.members }]);
    return saved;
  });
}
