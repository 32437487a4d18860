import type { Sql } from "@/lib/db/sql";
import { groupsWithinMemberBudget } from "@/lib/scim/limits";

/**
 * The first groups of a page whose members fit MAX_LISTED_MEMBERS (lib/scim/limits.ts), so that a list that
 * returns members holds a bounded number of them in memory, whatever `count` asked for. Counted on the
 * (groupId, userId) primary key, without loading a member.
 */
export async function trimToMemberBudget<T extends { id: string }>(tx: Sql, directoryId: string, groups: T[]): Promise<T[]> {
  if (groups.length <= 1) return groups;
  const rows = await tx.query<{ groupId: string; members: number }>(
    `SELECT "groupId", count(*)::int AS members FROM "GroupMember" WHERE "directoryId" = $1 AND "groupId" = ANY($2::text[]) GROUP BY "groupId"`,
    [directoryId, groups.map((g) => g.id)],
  );
  const counts = new Map(rows.map((r) => [r.groupId, r.members]));
  return groups.slice(0, groupsWithinMemberBudget(groups.map((g) => counts.get(g.id) ?? 0)));
}
