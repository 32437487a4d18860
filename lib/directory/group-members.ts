import type { Sql } from "@/lib/db/sql";
import type { MemberOp } from "@/lib/scim/patch";
import type { MemberInput } from "@/lib/scim/requests";
import type { ScimMember } from "@/lib/scim/resources";
import type { DirectoryRef } from "./types";

/** Members of groups, each shown by the display the provider sent, else the user's displayName, else userName. */
export async function loadGroupMembers(tx: Sql, directoryId: string, groupIds: string[]): Promise<Map<string, ScimMember[]>> {
  const byGroup = new Map<string, ScimMember[]>(groupIds.map((id) => [id, []]));
  if (groupIds.length === 0) return byGroup;
  const rows = await tx.query<{ groupId: string; value: string; display: string }>(
    `SELECT gm."groupId", gm."userId" AS value, COALESCE(gm."display", u."displayName", u."userName")::text AS display
       FROM "GroupMember" gm
       JOIN "DirectoryUser" u ON u."directoryId" = gm."directoryId" AND u."id" = gm."userId"
      WHERE gm."directoryId" = $1 AND gm."groupId" = ANY($2::text[])
      ORDER BY gm."groupId", gm."createdAt", gm."userId"`,
    [directoryId, groupIds],
  );
  for (const row of rows) byGroup.get(row.groupId)?.push({ value: row.value, display: row.display });
  return byGroup;
}

/**
 * Runs PATCH/PUT member changes as set-based SQL: one statement per operation whatever the number of
 * members, so a group of 10,000 is as cheap to fill as a group of ten. Only users of this directory can
 * become members (the SELECT filters on it, and the composite foreign key refuses anything else); ids that
 * match no user are skipped, as Microsoft's validator expects. Concurrent adds never lose a member:
 * the (group, user) primary key and ON CONFLICT DO NOTHING make each insert idempotent.
 * Returns how many membership rows changed.
 */
export async function applyMemberOps(tx: Sql, directory: DirectoryRef, groupId: string, ops: MemberOp[]): Promise<number> {
  let changed = 0;
  for (const op of ops) {
    switch (op.kind) {
      case "add":
        changed += await addMembers(tx, directory, groupId, op.members);
        break;
      case "remove":
        changed += await tx.execute(
          `DELETE FROM "GroupMember" WHERE "directoryId" = $1 AND "groupId" = $2 AND "userId" = ANY($3::text[])`,
          [directory.id, groupId, op.values],
        );
        break;
      case "removeAll":
        changed += await tx.execute(`DELETE FROM "GroupMember" WHERE "directoryId" = $1 AND "groupId" = $2`, [directory.id, groupId]);
        break;
      case "replace": {
        changed += await tx.execute(
          `DELETE FROM "GroupMember" WHERE "directoryId" = $1 AND "groupId" = $2 AND NOT ("userId" = ANY($3::text[]))`,
          [directory.id, groupId, op.members.map((m) => m.value)],
        );
        changed += await addMembers(tx, directory, groupId, op.members);
        break;
      }
    }
  }
  return changed;
}

async function addMembers(tx: Sql, directory: DirectoryRef, groupId: string, members: MemberInput[]): Promise<number> {
  if (members.length === 0) return 0;
  return tx.execute(
    `INSERT INTO "GroupMember" ("organizationId", "directoryId", "groupId", "userId", "display")
     SELECT $1, u."directoryId", $3, u."id", m.display
       FROM unnest($4::text[], $5::text[]) AS m(id, display)
       JOIN "DirectoryUser" u ON u."directoryId" = $2 AND u."id" = m.id
        -- Waits for a concurrent DELETE of the user to commit, then skips the deleted row, instead of
        -- failing on the foreign key after it.
        FOR KEY SHARE OF u
     ON CONFLICT DO NOTHING`,
    [directory.organizationId, directory.id, groupId, members.map((m) => m.value), members.map((m) => m.display ?? null)],
  );
}
