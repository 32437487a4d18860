import type { ScimRequestLog } from "@/lib/audit/scim-request-log";
import { transaction } from "@/lib/db/sql";
import { recordEvent } from "@/lib/events/record-event";
import { groupEventData } from "./event-data";
import { lockResourceOrThrow } from "./lock-resource-or-throw";
import type { DirectoryRef } from "./types";

/** DELETE /Groups/{id}: the group and its memberships go; the users stay. */
export async function deleteGroup({ directory, groupId, ifMatch, log }: { directory: DirectoryRef; groupId: string; ifMatch?: string | null; log?: ScimRequestLog }) {
  await transaction(async (tx) => {
    const group = await lockResourceOrThrow(tx, { resourceType: "Group", directoryId: directory.id, id: groupId, ifMatch });
    log?.about("Group", groupId, String(group.attributes.displayName ?? ""));
    log?.action("group.deleted");
    await recordEvent(tx, { type: "dsync.group.deleted", organizationId: directory.organizationId, directoryId: directory.id, data: groupEventData(directory, group) });
    await tx.execute(`DELETE FROM "DirectoryGroup" WHERE "directoryId" = $1 AND "id" = $2`, [directory.id, groupId]);
    await log?.writeIn(tx, 204);
  });
}
