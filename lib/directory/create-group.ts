import type { ScimRequestLog } from "@/lib/audit/scim-request-log";
import { transaction } from "@/lib/db/sql";
import { isUniqueViolation } from "@/lib/domain-error";
import { recordEvent } from "@/lib/events/record-event";
import { newId } from "@/lib/ids";
import type { GroupBody } from "@/lib/scim/requests";
import type { ScimResourceRecord } from "@/lib/scim/resources";
import { assertIndexable } from "./assert-indexable";
import { groupEventData } from "./event-data";
import { applyMemberOps } from "./group-members";
import { RESOURCE_COLUMNS, type ResourceRow } from "./resource-row";
import { displayNameTaken, groupColumnsFrom } from "./save-group-attributes";
import type { DirectoryRef } from "./types";

/** POST /Groups. Members sent with the group are stored with it, in the same transaction (Okta relies on it). */
export async function createGroup({ directory, body, log }: { directory: DirectoryRef; body: GroupBody; log?: ScimRequestLog }): Promise<ScimResourceRecord> {
  const c = assertIndexable(groupColumnsFrom(body.attributes));
  log?.about("Group", null, c.displayName);
  try {
    return await transaction(async (tx) => {
      const [group] = await tx.query<ResourceRow>(
        `INSERT INTO "DirectoryGroup" ("id", "organizationId", "directoryId", "displayName", "externalId", "attributes")
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${RESOURCE_COLUMNS}`,
        [newId("grp"), directory.organizationId, directory.id, c.displayName, c.externalId, JSON.stringify(body.attributes)],
      );
      log?.about("Group", group!.id);
      log?.action("group.created");
      await recordEvent(tx, { type: "dsync.group.created", organizationId: directory.organizationId, directoryId: directory.id, data: groupEventData(directory, group!) });
      if (body.members?.length) {
        const { added } = await applyMemberOps(tx, directory, { id: group!.id, name: c.displayName }, [{ kind: "add", members: body.members }]);
        log?.action("group.member_added", added);
      }
      await log?.writeIn(tx, 201);
      return group!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw displayNameTaken(body.attributes.displayName);
    throw err;
  }
}
