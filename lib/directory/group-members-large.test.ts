// Issue 13: a lawful PATCH adding 10,000 members to a group, one statement, took ~10 s alone and over 30 s late in a
// full e2e run, so the end-to-end app ran with a 180 s statement timeout. The cause was the planner's estimate for a
// directory its statistics had not seen yet (ANALYZE ran before the directory's users arrived): "1 row", so the
// events of the added members were joined back to DirectoryUser as a nested loop that scanned the whole directory once
// per member, 50 million rows. Here the table holds tens of thousands of other directories' users, analyzed, and the
// new directory's 10,000 are not in the statistics, as in the e2e run. Every step must pass a 3 s statement timeout.
import { describe, expect, it } from "vitest";
import { sql } from "@/lib/db/sql";
import { withStatementTimeout } from "@/lib/db/statement-timeout";
import { createOrganization } from "@/lib/organizations/create-organization";
import { createGroupBodySchema, patchRequestSchema, replaceGroupBodySchema } from "@/lib/scim/requests";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { createDirectory } from "./create-directory";
import { createGroup } from "./create-group";
import { loadGroupMembers } from "./group-members";
import { patchGroup } from "./patch-group";
import { replaceGroup } from "./replace-group";
import type { DirectoryRef } from "./types";

setupTestDatabase();

const TIMEOUT_MS = 3_000;
const bounded = <T>(fn: () => Promise<T>) => withStatementTimeout(TIMEOUT_MS, fn);

let slugs = 0;
async function newDirectory(): Promise<DirectoryRef> {
  const org = await createOrganization({ name: "Large", slug: `large-${slugs++}` });
  const { directory } = await createDirectory({ organizationId: org.id, provider: "entra", syncMode: "FULL" });
  return { id: directory.id, organizationId: org.id };
}

/** `n` users straight into the table, as e2e/scim/concurrency.spec.ts does: the subject is the group PATCH. */
async function fillDirectory(dir: DirectoryRef, n: number): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    `INSERT INTO "DirectoryUser" ("id", "organizationId", "directoryId", "userName", "attributes")
     SELECT 'usr_' || $2 || '_' || lpad(i::text, 5, '0'), $1, $2, 'u' || i || '@' || $2 || '.example.com',
            jsonb_build_object('userName', 'u' || i || '@' || $2 || '.example.com', 'active', true)
       FROM generate_series(1, $3::int) AS i RETURNING "id"`,
    [dir.organizationId, dir.id, n],
  );
  return rows.map((r) => r.id).sort();
}

const patchOps = (op: string, values: string[]) =>
  patchRequestSchema.parse({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op, path: "members", value: values.map((value) => ({ value })) }] }).Operations;

async function memberIds(groupId: string) {
  return (await sql.query<{ userId: string }>(`SELECT "userId" FROM "GroupMember" WHERE "groupId" = $1 ORDER BY "userId"`, [groupId])).map((r) => r.userId);
}

async function eventCount(dir: DirectoryRef, type: string) {
  const [row] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Event" WHERE "directoryId" = $1 AND "type" = $2`, [dir.id, type]);
  return row!.n;
}

describe("PATCH /scim/v2/{dir}/Groups/{id} with 10,000 members, on a large table with stale statistics", () => {
  it("adds 10,000 members, reads them, removes 5,000 and replaces them all, each under a 3 s statement timeout", async () => {
    // Statistics that know only the other directories, and no autovacuum to refresh them behind the test's back.
    await sql.execute(`ALTER TABLE "DirectoryUser" SET (autovacuum_enabled = false)`);
    await sql.execute(`ALTER TABLE "GroupMember" SET (autovacuum_enabled = false)`);
    const groupBody = createGroupBodySchema.parse({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Everyone" });
    for (let i = 0; i < 4; i++) {
      // Other directories' groups with members too, so that the statistics of GroupMember are real and know none
      // of the new group's rows (CI, late in a full run: GET of the new group's 10,000 members ran past 30 s).
      const other = await newDirectory();
      const otherIds = await fillDirectory(other, 10_000);
      const otherGroup = await createGroup({ directory: other, body: groupBody });
      await sql.execute(
        `INSERT INTO "GroupMember" ("organizationId", "directoryId", "groupId", "userId") SELECT $1, $2, $3, unnest($4::text[])`,
        [other.organizationId, other.id, otherGroup.id, otherIds.slice(0, 2_000)],
      );
    }
    await sql.execute(`ANALYZE "DirectoryUser"`);
    await sql.execute(`ANALYZE "GroupMember"`);

    const dir = await newDirectory();
    const userIds = await fillDirectory(dir, 10_000);
    const group = await createGroup({ directory: dir, body: groupBody });

    await bounded(() => patchGroup({ directory: dir, groupId: group.id, operations: patchOps("Add", userIds), successStatus: 204 }));
    expect(await memberIds(group.id)).toEqual(userIds);
    expect(await eventCount(dir, "dsync.group.user_added")).toBe(10_000);

    const members = await bounded(() => loadGroupMembers(sql, dir.id, [group.id]));
    expect(members.get(group.id)?.map((m) => m.value).sort()).toEqual(userIds);

    const [removed, kept] = [userIds.slice(0, 5_000), userIds.slice(5_000)];
    await bounded(() => patchGroup({ directory: dir, groupId: group.id, operations: patchOps("Remove", removed), successStatus: 204 }));
    expect(await memberIds(group.id)).toEqual(kept);
    expect(await eventCount(dir, "dsync.group.user_removed")).toBe(5_000);

    // PUT with all 10,000: the 5,000 removed come back, the 5,000 kept stay (no event for them).
    const putBody = replaceGroupBodySchema(group.id).parse({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Everyone", members: userIds.map((value) => ({ value })) });
    await bounded(() => replaceGroup({ directory: dir, groupId: group.id, body: putBody }));
    expect(await memberIds(group.id)).toEqual(userIds);
    expect(await eventCount(dir, "dsync.group.user_added")).toBe(15_000);

    // A removal of everything, Okta's and Entra's "remove members" without a value.
    const removeAll = patchRequestSchema.parse({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "remove", path: "members" }] }).Operations;
    await bounded(() => patchGroup({ directory: dir, groupId: group.id, operations: removeAll, successStatus: 204 }));
    expect(await memberIds(group.id)).toEqual([]);
    expect(await eventCount(dir, "dsync.group.user_removed")).toBe(15_000);
  }, 300_000);
});
