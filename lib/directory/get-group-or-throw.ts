import { sql } from "@/lib/db/sql";
import { ScimError } from "@/lib/scim/errors";
import type { ScimResourceRecord } from "@/lib/scim/resources";
import { RESOURCE_COLUMNS, type ResourceRow } from "./resource-row";

/** A group of this directory. 404 alike for "missing" and "another directory's". */
export async function getGroupOrThrow({ directoryId, groupId }: { directoryId: string; groupId: string }): Promise<ScimResourceRecord> {
  const [group] = await sql.query<ResourceRow>(`SELECT ${RESOURCE_COLUMNS} FROM "DirectoryGroup" WHERE "directoryId" = $1 AND "id" = $2`, [directoryId, groupId]);
  if (!group) throw new ScimError(404, undefined, `Group ${groupId} not found`);
  return group;
}
