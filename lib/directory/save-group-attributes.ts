import { assertIndexable } from "./assert-indexable";
import type { Sql } from "@/lib/db/sql";
import { isUniqueViolation } from "@/lib/domain-error";
import { ScimError } from "@/lib/scim/errors";
import type { ScimResourceRecord } from "@/lib/scim/resources";
import { RESOURCE_COLUMNS, type ResourceRow } from "./resource-row";

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
  tx: Sql,
  { directoryId, groupId, attributes }: { directoryId: string; groupId: string; attributes: Record<string, unknown> },
): Promise<ScimResourceRecord> {
  const c = assertIndexable(groupColumnsFrom(attributes));
  try {
    const [group] = await tx.query<ResourceRow>(
      `UPDATE "DirectoryGroup" SET "displayName" = $3, "externalId" = $4, "attributes" = $5, "version" = "version" + 1, "updatedAt" = now()
        WHERE "directoryId" = $1 AND "id" = $2 RETURNING ${RESOURCE_COLUMNS}`,
      [directoryId, groupId, c.displayName, c.externalId, JSON.stringify(attributes)],
    );
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
