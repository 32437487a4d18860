import type { ScimRequestLog } from "@/lib/audit/scim-request-log";
import type { Sql } from "@/lib/db/sql";
import { dropPasswords } from "@/lib/scim/drop-passwords";
import { recordEvent } from "@/lib/events/record-event";
import { isUniqueViolation } from "@/lib/domain-error";
import { ScimError } from "@/lib/scim/errors";
import type { ScimResourceRecord } from "@/lib/scim/resources";
import { assertIndexable } from "./assert-indexable";
import { groupEventData } from "./event-data";
import { RESOURCE_COLUMNS, type ResourceRow } from "./resource-row";
import type { DirectoryRef } from "./types";

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

/** Stores a group's attributes and derived columns, bumping its version, with its event and log action. */
export async function saveGroupAttributes(
  tx: Sql,
  { directory, groupId, attributes: given, log }: { directory: DirectoryRef; groupId: string; attributes: Record<string, unknown>; log?: ScimRequestLog },
): Promise<ScimResourceRecord> {
  // The storage boundary: no `password` at any depth, whichever caller built the attributes (issue 12).
  const attributes = dropPasswords(given);
  const directoryId = directory.id;
  const c = assertIndexable(groupColumnsFrom(attributes));
  try {
    const [group] = await tx.query<ResourceRow>(
      `UPDATE "DirectoryGroup" SET "displayName" = $3, "externalId" = $4, "attributes" = $5, "version" = "version" + 1, "updatedAt" = now()
        WHERE "directoryId" = $1 AND "id" = $2 RETURNING ${RESOURCE_COLUMNS}`,
      [directoryId, groupId, c.displayName, c.externalId, JSON.stringify(attributes)],
    );
    log?.action("group.updated");
    await recordEvent(tx, { type: "dsync.group.updated", organizationId: directory.organizationId, directoryId, data: groupEventData(directory, group!) });
    return group!;
  } catch (err) {
    if (isUniqueViolation(err)) throw displayNameTaken(attributes.displayName);
    throw err;
  }
}

/** Marks a group changed when only its members changed: the version (ETag) must still move. */
export async function touchGroup(tx: Sql, { directoryId, groupId }: { directoryId: string; groupId: string }): Promise<ScimResourceRecord> {
  const [group] = await tx.query<ResourceRow>(
    `UPDATE "DirectoryGroup" SET "version" = "version" + 1, "updatedAt" = now() WHERE "directoryId" = $1 AND "id" = $2 RETURNING ${RESOURCE_COLUMNS}`,
    [directoryId, groupId],
  );
  return group!;
}
