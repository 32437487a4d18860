import type { Sql } from "@/lib/db/sql";
import type { MemberOp } from "@/lib/scim/patch";
import type { MemberInput } from "@/lib/scim/requests";
import type { ScimMember } from "@/lib/scim/resources";
import type { DirectoryRef } from "./types";

/**
 * Members of groups, each shown by the display the provider sent, else the user's displayName, else userName.
 * The user is joined by its primary key alone: the composite foreign key (directoryId, userId) already makes every
 * member a user of this directory. Joining on the directory too let the planner, whose statistics had not seen a
 * new directory ("1 row"), scan that directory's users once per member: 10,000 members × 10,000 users, past 30 s
 * (CI, late in a full run; group-members-large.test.ts reproduces it).
 */
export async function loadGroupMembers(tx: Sql, directoryId: string, groupIds: string[]): Promise<Map<string, ScimMember[]>> {
  const byGroup = new Map<string, ScimMember[]>(groupIds.map((id) => [id, []]));
  if (groupIds.length === 0) return byGroup;
  const rows = await tx.query<{ groupId: string; value: string; display: string }>(
    `SELECT gm."groupId", gm."userId" AS value, COALESCE(gm."display", u."displayName", u."userName")::text AS display
       FROM "GroupMember" gm
       JOIN "DirectoryUser" u ON u."id" = gm."userId"
      WHERE gm."directoryId" = $1 AND gm."groupId" = ANY($2::text[])
      ORDER BY gm."groupId", gm."createdAt", gm."userId"`,
    [directoryId, groupIds],
  );
  for (const row of rows) byGroup.get(row.groupId)?.push({ value: row.value, display: row.display });
  return byGroup;
}

export type MemberChanges = { added: number; removed: number };

type Group = { id: string; name: string };

/**
 * Runs PATCH/PUT member changes as set-based SQL: two statements per operation whatever the number of members
 * (the membership change, then the `dsync.group.user_added` / `user_removed` events of the rows it really
 * changed, in the same transaction), so a group of 10,000 is as cheap to fill as a group of ten.
 * Only users of this directory can become members (the SELECT filters on it, and the composite foreign key
 * refuses anything else); ids that match no user are skipped, as Microsoft's validator expects. Concurrent
 * adds never lose a member: the (group, user) primary key and ON CONFLICT DO NOTHING make each insert idempotent.
 *
 * No statement here joins a set of members to "DirectoryUser" (issue 13). The planner estimates such a join from
 * the table's statistics for the directory, and a directory whose users arrived after the last ANALYZE (any new
 * organisation's first sync on a large table) is estimated at one row: a join of 10,000 added members to it ran
 * as a nested loop that read the whole directory once per member, 50 million rows, over 30 s. Users are found by
 * `"id" = ANY($ids)` instead, with the ids as a parameter: every plan PostgreSQL can pick for that (probes of the
 * (directoryId, id) or primary-key index, or one scan with a hashed lookup) is linear, whatever the estimate.
 */
export async function applyMemberOps(tx: Sql, directory: DirectoryRef, group: Group, ops: MemberOp[]): Promise<MemberChanges> {
  const changes: MemberChanges = { added: 0, removed: 0 };
  for (const op of ops) {
    switch (op.kind) {
      case "add":
        changes.added += await addMembers(tx, directory, group, op.members);
        break;
      case "remove":
        changes.removed += await removeMembers(tx, directory, group, `AND gm."userId" = ANY($3::text[])`, [op.values]);
        break;
      case "removeAll":
        changes.removed += await removeMembers(tx, directory, group, "", []);
        break;
      case "replace":
        changes.removed += await removeMembers(tx, directory, group, `AND NOT (gm."userId" = ANY($3::text[]))`, [op.members.map((m) => m.value)]);
        changes.added += await addMembers(tx, directory, group, op.members);
        break;
    }
  }
  return changes;
}

// The event's `user` part, built in SQL from the joined user row.
const USER_JSON = `jsonb_build_object('id', u."id", 'user_name', u."userName"::text, 'email', u."email"::text, 'state', CASE WHEN u."active" THEN 'active' ELSE 'inactive' END)`;
const EVENT_ID = `'evt_' || replace(gen_random_uuid()::text, '-', '')`;

async function addMembers(tx: Sql, directory: DirectoryRef, group: Group, members: MemberInput[]): Promise<number> {
  if (members.length === 0) return 0;
  // The display each member was sent with, looked up by id (a jsonb object's keys are found by binary search).
  const displays: Record<string, string> = {};
  for (const m of members) if (m.display !== undefined && !(m.value in displays)) displays[m.value] = m.display;
  const added = await tx.query<{ userId: string }>(
    `INSERT INTO "GroupMember" ("organizationId", "directoryId", "groupId", "userId", "display")
     SELECT $1, u."directoryId", $3, u."id", $5::jsonb ->> u."id"
       FROM "DirectoryUser" u
      WHERE u."directoryId" = $2 AND u."id" = ANY($4::text[])
        -- Waits for a concurrent DELETE of the user to commit, then skips the deleted row, instead of
        -- failing on the foreign key after it.
        FOR KEY SHARE OF u
     ON CONFLICT DO NOTHING
     RETURNING "userId"`,
    [directory.organizationId, directory.id, group.id, members.map((m) => m.value), JSON.stringify(displays)],
  );
  await recordMemberEvents(tx, directory, group, "dsync.group.user_added", added);
  return added.length;
}

async function removeMembers(tx: Sql, directory: DirectoryRef, group: Group, condition: string, extra: unknown[]): Promise<number> {
  const removed = await tx.query<{ userId: string }>(
    `DELETE FROM "GroupMember" gm WHERE gm."directoryId" = $1 AND gm."groupId" = $2 ${condition} RETURNING gm."userId"`,
    [directory.id, group.id, ...extra],
  );
  await recordMemberEvents(tx, directory, group, "dsync.group.user_removed", removed);
  return removed.length;
}

/** One event per member added or removed, carrying the user as it is now. */
async function recordMemberEvents(tx: Sql, directory: DirectoryRef, group: Group, type: "dsync.group.user_added" | "dsync.group.user_removed", rows: { userId: string }[]) {
  if (rows.length === 0) return;
  await tx.execute(
    `INSERT INTO "Event" ("id", "type", "organizationId", "directoryId", "data")
     SELECT ${EVENT_ID}, $3, $1, $2, jsonb_build_object('group', $4::jsonb, 'user', ${USER_JSON})
       FROM "DirectoryUser" u WHERE u."directoryId" = $2 AND u."id" = ANY($5::text[])`,
    [directory.organizationId, directory.id, type, JSON.stringify(group), rows.map((r) => r.userId)],
  );
}
