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

export type MemberChanges = { added: number; removed: number };

type Group = { id: string; name: string };

/**
 * Runs PATCH/PUT member changes as set-based SQL: one statement per operation whatever the number of
 * members, so a group of 10,000 is as cheap to fill as a group of ten. Each statement also writes the
 * `dsync.group.user_added` / `user_removed` events for the rows it really changed, in the same transaction.
 * Only users of this directory can become members (the SELECT filters on it, and the composite foreign key
 * refuses anything else); ids that match no user are skipped, as Microsoft's validator expects. Concurrent
 * adds never lose a member: the (group, user) primary key and ON CONFLICT DO NOTHING make each insert idempotent.
 */
export async function applyMemberOps(tx: Sql, directory: DirectoryRef, group: Group, ops: MemberOp[]): Promise<MemberChanges> {
  const changes: MemberChanges = { added: 0, removed: 0 };
  for (const op of ops) {
    switch (op.kind) {
      case "add":
        changes.added += await addMembers(tx, directory, group, op.members);
        break;
      case "remove":
        changes.removed += await removeMembers(tx, directory, group, `AND gm."userId" = ANY($4::text[])`, [op.values]);
        break;
      case "removeAll":
        changes.removed += await removeMembers(tx, directory, group, "", []);
        break;
      case "replace":
        changes.removed += await removeMembers(tx, directory, group, `AND NOT (gm."userId" = ANY($4::text[]))`, [op.members.map((m) => m.value)]);
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
  return tx.execute(
    `WITH added AS (
       INSERT INTO "GroupMember" ("organizationId", "directoryId", "groupId", "userId", "display")
       SELECT $1, u."directoryId", $3, u."id", m.display
         FROM unnest($4::text[], $5::text[]) AS m(id, display)
         JOIN "DirectoryUser" u ON u."directoryId" = $2 AND u."id" = m.id
          -- Waits for a concurrent DELETE of the user to commit, then skips the deleted row, instead of
          -- failing on the foreign key after it.
          FOR KEY SHARE OF u
       ON CONFLICT DO NOTHING
       RETURNING "userId"
     )
     INSERT INTO "Event" ("id", "type", "organizationId", "directoryId", "data")
     SELECT ${EVENT_ID}, 'dsync.group.user_added', $1, $2, jsonb_build_object('group', $6::jsonb, 'user', ${USER_JSON})
       FROM added a JOIN "DirectoryUser" u ON u."directoryId" = $2 AND u."id" = a."userId"`,
    [directory.organizationId, directory.id, group.id, members.map((m) => m.value), members.map((m) => m.display ?? null), JSON.stringify(group)],
  );
}

async function removeMembers(tx: Sql, directory: DirectoryRef, group: Group, condition: string, extra: unknown[]): Promise<number> {
  return tx.execute(
    `WITH removed AS (
       DELETE FROM "GroupMember" gm WHERE gm."directoryId" = $2 AND gm."groupId" = $3 ${condition} RETURNING gm."userId"
     )
     INSERT INTO "Event" ("id", "type", "organizationId", "directoryId", "data")
     SELECT ${EVENT_ID}, 'dsync.group.user_removed', $1, $2, jsonb_build_object('group', $${4 + extra.length}::jsonb, 'user', ${USER_JSON})
       FROM removed r JOIN "DirectoryUser" u ON u."directoryId" = $2 AND u."id" = r."userId"`,
    [directory.organizationId, directory.id, group.id, ...extra, JSON.stringify(group)],
  );
}
