import { sql, type Sql } from "@/lib/db/sql";
import { ScimError } from "@/lib/scim/errors";
import type { ScimResourceRecord } from "@/lib/scim/resources";
import { loadUserGroups } from "./load-user-groups";
import { RESOURCE_COLUMNS, type ResourceRow } from "./resource-row";

/** A user of this directory, with its groups. 404 alike for "missing" and "another directory's". */
export async function getUserOrThrow(
  { directoryId, userId, withGroups = true }: { directoryId: string; userId: string; withGroups?: boolean },
  tx: Sql = sql,
): Promise<ScimResourceRecord> {
  const [user] = await tx.query<ResourceRow>(`SELECT ${RESOURCE_COLUMNS} FROM "DirectoryUser" WHERE "directoryId" = $1 AND "id" = $2`, [directoryId, userId]);
  if (!user) throw new ScimError(404, undefined, `User ${userId} not found`);
  const groups = withGroups ? (await loadUserGroups(tx, directoryId, [user.id])).get(user.id) ?? [] : undefined;
  return { ...user, groups };
}
