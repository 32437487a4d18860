import type { Sql } from "@/lib/db/sql";

export type UserGroupRef = { value: string; display: string };

/** The groups each user is a direct member of (the read-only `groups` attribute, RFC 7643 §4.1.2). */
export async function loadUserGroups(tx: Sql, directoryId: string, userIds: string[]): Promise<Map<string, UserGroupRef[]>> {
  const byUser = new Map<string, UserGroupRef[]>();
  if (userIds.length === 0) return byUser;
  const rows = await tx.query<{ userId: string; groupId: string; displayName: string }>(
    `SELECT gm."userId", g."id" AS "groupId", g."displayName"::text AS "displayName"
       FROM "GroupMember" gm
       JOIN "DirectoryGroup" g ON g."directoryId" = gm."directoryId" AND g."id" = gm."groupId"
      WHERE gm."directoryId" = $1 AND gm."userId" = ANY($2::text[])
      ORDER BY g."displayName", g."id"`,
    [directoryId, userIds],
  );
  for (const row of rows) {
    const list = byUser.get(row.userId) ?? [];
    list.push({ value: row.groupId, display: row.displayName });
    byUser.set(row.userId, list);
  }
  return byUser;
}

/**
 * The same groups as loadUserGroups, as a column of the statement that reads the user (`alias` is the user's table),
 * so that a read takes one round trip, not two: a JSON list of `{ value, display }`, in the same order.
 */
export function userGroupsColumn(alias: string): string {
  return `(SELECT coalesce(json_agg(json_build_object('value', ug."id", 'display', ug."displayName"::text) ORDER BY ug."displayName", ug."id"), '[]'::json)
             FROM "GroupMember" ugm
             JOIN "DirectoryGroup" ug ON ug."directoryId" = ugm."directoryId" AND ug."id" = ugm."groupId"
            WHERE ugm."directoryId" = ${alias}."directoryId" AND ugm."userId" = ${alias}."id")`;
}
