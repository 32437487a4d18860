// Concurrency and scale over real HTTP: creates in two organisations at once land in their own tenants, concurrent
// membership PATCHes on one group lose nothing, and a 10,000-member group is filled and halved with one PATCH each
// (memberships are set-based SQL, never a JSON array: see lib/directory/group-members.ts).
import { randomBytes, randomUUID } from "node:crypto";
import { expect, test } from "../fixtures";
import { newDirectory, type Directory } from "../support/cli";
import { sql } from "../support/db";
import { GROUP_URN, PATCH_URN, scimClient, userBody, type ScimResult } from "../support/scim";

type Scim = ReturnType<typeof scimClient>;
type Member = { value: string; display?: string };

/**
 * The CLI helpers run with spawnSync, which blocks this process for seconds. Meanwhile the app closes idle keep-alive
 * sockets (Node's 5 s keepAliveTimeout); a request sent before the event loop has seen those closes reuses a dead
 * socket and fails with "other side closed". Letting the loop turn once first makes fetch open a fresh connection.
 */
async function afterBlockingCli<T>(result: T): Promise<T> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  return result;
}

function patchOp(...operations: Record<string, unknown>[]) {
  return { schemas: [PATCH_URN], Operations: operations };
}

function ids(res: ScimResult, key: "Resources" | "members"): string[] {
  return ((res.body?.[key] ?? []) as ({ id: string } | Member)[]).map((r) => ("id" in r ? r.id : r.value)).sort();
}

async function createUsers(scim: Scim, count: number, prefix: string): Promise<string[]> {
  const results = await Promise.all(Array.from({ length: count }, (_, i) => scim.post("/Users", userBody(`${prefix}-${i}@example.com`))));
  for (const res of results) expect(res.status, res.text).toBe(201);
  return results.map((res) => String(res.body?.id));
}

async function createGroup(scim: Scim, members: string[] = []): Promise<string> {
  const res = await scim.post("/Groups", { schemas: [GROUP_URN], displayName: `Concurrency ${randomUUID()}`, members: members.map((value) => ({ value })) });
  expect(res.status, res.text).toBe(201);
  return String(res.body?.id);
}

async function memberRows(groupId: string): Promise<string[]> {
  const rows = await sql<{ userId: string }>(`SELECT "userId" FROM "GroupMember" WHERE "groupId" = $1`, [groupId]);
  return rows.map((r) => r.userId).sort();
}

test.describe("POST /scim/v2/{dir}/Users, concurrently in two organisations", () => {
  test("100 creates in flight together (50 per directory, interleaved) each answer 201 and land in their own directory", async () => {
    const a = await afterBlockingCli(newDirectory("entra"));
    const b = await afterBlockingCli(newDirectory("okta"));
    expect(a.orgId).not.toBe(b.orgId);
    const clients = { a: scimClient(a), b: scimClient(b) };
    const run = randomUUID().slice(0, 8);
    const planned = Array.from({ length: 100 }, (_, i) => {
      const side = i % 2 === 0 ? ("a" as const) : ("b" as const);
      return { side, userName: `concurrent-${side}-${run}-${Math.floor(i / 2)}@example.com` };
    });

    const results = await Promise.all(planned.map((p) => clients[p.side].post("/Users", userBody(p.userName))));

    const created = planned.map((p, i) => ({ ...p, res: results[i]! }));
    for (const { side, userName, res } of created) {
      expect(res.status, `${side} ${userName}: ${res.text}`).toBe(201);
      expect(res.body?.userName, res.text).toBe(userName);
      expect(res.headers.get("location"), res.text).toBe(`${(side === "a" ? a : b).scimBaseUrl}/Users/${String(res.body?.id)}`);
    }
    const bySide = (side: "a" | "b") => created.filter((c) => c.side === side);
    expect(new Set(created.map((c) => c.res.body?.id)).size).toBe(100);

    for (const [side, other] of [["a", "b"], ["b", "a"]] as const) {
      const list = await clients[side].get("/Users?count=1000");
      expect(list.status, list.text).toBe(200);
      expect(list.body?.totalResults, list.text).toBe(50);
      const userNames = ((list.body?.Resources ?? []) as { userName: string }[]).map((u) => u.userName).sort();
      expect(userNames).toEqual(bySide(side).map((c) => c.userName).sort());
      for (const foreign of bySide(other)) expect(userNames).not.toContain(foreign.userName);
    }

    // Each id is 404 through the other directory's URL, with that directory's own (valid) token.
    const crossReads = await Promise.all(created.map((c) => clients[c.side === "a" ? "b" : "a"].get(`/Users/${String(c.res.body?.id)}`)));
    crossReads.forEach((res, i) => expect(res.status, `${created[i]!.side} user read through the other directory: ${res.text}`).toBe(404));

    const rows = await sql<{ id: string; organizationId: string; directoryId: string; userName: string }>(
      `SELECT id, "organizationId", "directoryId", "userName"::text FROM "DirectoryUser" WHERE id = ANY($1::text[])`,
      [created.map((c) => String(c.res.body?.id))],
    );
    expect(rows.length).toBe(100);
    for (const c of created) {
      const dir = c.side === "a" ? a : b;
      const row = rows.find((r) => r.id === c.res.body?.id);
      expect(row, c.userName).toEqual({ id: String(c.res.body?.id), organizationId: dir.orgId, directoryId: dir.id, userName: c.userName });
    }
  });

  test("the same userNames created at once in both directories all succeed: uniqueness is per directory", async () => {
    const a = await afterBlockingCli(newDirectory("generic"));
    const b = await afterBlockingCli(newDirectory("generic"));
    const names = Array.from({ length: 20 }, (_, i) => `shared-${randomUUID().slice(0, 8)}-${i}@example.com`);
    const results = await Promise.all(names.flatMap((n) => [scimClient(a).post("/Users", userBody(n)), scimClient(b).post("/Users", userBody(n))]));
    for (const res of results) expect(res.status, res.text).toBe(201);
    for (const dir of [a, b]) {
      const list = await scimClient(dir).get("/Users?count=1000");
      expect(((list.body?.Resources ?? []) as { userName: string }[]).map((u) => u.userName).sort(), list.text).toEqual([...names].sort());
    }
    // And a duplicate within one directory, raced, still gives exactly one winner.
    const racedName = `raced-${randomUUID()}@example.com`;
    const raced = await Promise.all(Array.from({ length: 10 }, () => scimClient(a).post("/Users", userBody(racedName))));
    expect(raced.filter((r) => r.status === 201).length, raced.map((r) => r.text).join("\n")).toBe(1);
    for (const res of raced.filter((r) => r.status !== 201)) {
      expect(res.status, res.text).toBe(409);
      expect(res.body?.scimType, res.text).toBe("uniqueness");
    }
  });
});

test.describe("PATCH /scim/v2/{dir}/Groups/{id}, concurrently", () => {
  let dir: Directory;
  let scim: Scim;

  test.beforeAll(async () => {
    dir = await afterBlockingCli(newDirectory("entra"));
    scim = scimClient(dir);
  });

  test("50 add-member PATCHes in flight together (one member each) all answer 204 and all 50 members are present", async () => {
    const users = await createUsers(scim, 50, `adder-${randomUUID()}`);
    const groupId = await createGroup(scim);

    const results = await Promise.all(users.map((value) => scim.patch(`/Groups/${groupId}`, patchOp({ op: "Add", path: "members", value: [{ $ref: null, value }] }))));
    for (const res of results) expect(res.status, res.text).toBe(204);

    const group = await scim.get(`/Groups/${groupId}`);
    expect(group.status, group.text).toBe(200);
    expect(ids(group, "members")).toEqual([...users].sort());
    expect(await memberRows(groupId)).toEqual([...users].sort());
    // Each PATCH changed the group once: the version moved 50 times, none overwritten.
    expect((group.body?.meta as { version?: string } | undefined)?.version, group.text).toBe('W/"51"');
    // Every user sees the group.
    for (const userId of users.slice(0, 5)) {
      const user = await scim.get(`/Users/${userId}`);
      expect((user.body?.groups as Member[] | undefined)?.map((g) => g.value), user.text).toEqual([groupId]);
    }
  });

  test("concurrent adds and removes of different members lose nothing", async () => {
    const tag = randomUUID();
    const leaving = await createUsers(scim, 25, `leaving-${tag}`);
    const joining = await createUsers(scim, 25, `joining-${tag}`);
    const staying = await createUsers(scim, 5, `staying-${tag}`);
    const groupId = await createGroup(scim, [...leaving, ...staying]);
    expect(await memberRows(groupId)).toEqual([...leaving, ...staying].sort());

    // Interleaved, with the three removal shapes identity providers send.
    const requests = leaving.flatMap((out, i) => {
      const remove = [
        { op: "Remove", path: "members", value: [{ $ref: null, value: out }] },
        { op: "remove", path: `members[value eq "${out}"]` },
        { op: "remove", path: "members", value: [{ value: out }] },
      ][i % 3]!;
      return [
        scim.patch(`/Groups/${groupId}`, patchOp({ op: "add", path: "members", value: [{ value: joining[i]! }] })),
        scim.patch(`/Groups/${groupId}`, patchOp(remove)),
      ];
    });
    const results = await Promise.all(requests);
    for (const res of results) expect(res.status, res.text).toBe(204);

    const expected = [...joining, ...staying].sort();
    const group = await scim.get(`/Groups/${groupId}`);
    expect(ids(group, "members"), group.text).toEqual(expected);
    expect(await memberRows(groupId)).toEqual(expected);
  });

  test("concurrent PATCHes of different groups sharing members keep every membership", async () => {
    const users = await createUsers(scim, 10, `shared-${randomUUID()}`);
    const groups = await Promise.all(Array.from({ length: 5 }, () => createGroup(scim)));
    const results = await Promise.all(groups.flatMap((groupId) => users.map((value) => scim.patch(`/Groups/${groupId}`, patchOp({ op: "add", path: "members", value: [{ value }] })))));
    for (const res of results) expect(res.status, res.text).toBe(204);
    for (const groupId of groups) expect(await memberRows(groupId)).toEqual([...users].sort());
    const user = await scim.get(`/Users/${users[0]!}`);
    expect((user.body?.groups as Member[] | undefined)?.map((g) => g.value).sort(), user.text).toEqual([...groups].sort());
  });
});

test.describe("PATCH /scim/v2/{dir}/Groups/{id} racing DELETE /scim/v2/{dir}/Users/{id}", () => {
  test("adding users to groups while the same users are deleted: every request succeeds and no deleted user stays a member", async () => {
    const dir = await afterBlockingCli(newDirectory("entra"));
    const scim = scimClient(dir);
    // Entra deprovisions a user while a membership sync for that user is still in flight. One group per user, so the
    // PATCHes don't queue behind one group's lock and each overlaps its user's DELETE. A few rounds, since it's a race.
    for (let round = 0; round < 5; round++) {
      const users = await createUsers(scim, 20, `doomed-${round}-${randomUUID()}`);
      const groups = await Promise.all(users.map(() => createGroup(scim)));
      const results = await Promise.all(users.flatMap((value, i) => [
        scim.patch(`/Groups/${groups[i]!}`, patchOp({ op: "Add", path: "members", value: [{ $ref: null, value }] })).then((res) => ({ req: `PATCH add ${value} to ${groups[i]!}`, res })),
        scim.delete(`/Users/${value}`).then((res) => ({ req: `DELETE ${value}`, res })),
      ]));
      for (const { req, res } of results) expect(res.status, `round ${round}, ${req}: ${res.text}`).toBe(204);

      for (const userId of users) expect((await scim.get(`/Users/${userId}`)).status).toBe(404);
      for (const groupId of groups) {
        const group = await scim.get(`/Groups/${groupId}`);
        expect(group.status, group.text).toBe(200);
        expect(ids(group, "members"), group.text).toEqual([]);
        expect(await memberRows(groupId)).toEqual([]);
      }
    }
  });
});

test.describe("POST /scim/v2/{dir}/Groups with members racing DELETE /scim/v2/{dir}/Users/{id}", () => {
  test("creating groups with members while those users are deleted: every request succeeds and no deleted user is a member", async () => {
    const dir = await afterBlockingCli(newDirectory("okta"));
    const scim = scimClient(dir);
    for (let round = 0; round < 5; round++) {
      const users = await createUsers(scim, 20, `pushed-${round}-${randomUUID()}`);
      const results = await Promise.all(users.flatMap((value) => [
        scim.post("/Groups", { schemas: [GROUP_URN], displayName: `Pushed ${randomUUID()}`, members: [{ value, display: value }] }).then((res) => ({ req: `POST /Groups with ${value}`, res })),
        scim.delete(`/Users/${value}`).then((res) => ({ req: `DELETE ${value}`, res })),
      ]));
      for (const { req, res } of results) expect([201, 204], `round ${round}, ${req}: ${res.status} ${res.text}`).toContain(res.status);
      for (const { res } of results.filter((r) => r.req.startsWith("POST"))) {
        expect(await memberRows(String(res.body?.id))).toEqual([]);
      }
    }
  });
});

test.describe("PATCH /scim/v2/{dir}/Users/{id}, concurrently", () => {
  test("20 PATCHes adding a different email each to one user all land", async () => {
    const dir = await afterBlockingCli(newDirectory("okta"));
    const scim = scimClient(dir);
    const [userId] = await createUsers(scim, 1, `emails-${randomUUID()}`);
    const emails = Array.from({ length: 20 }, (_, i) => `alias-${i}@example.com`);
    const results = await Promise.all(emails.map((value) => scim.patch(`/Users/${userId!}`, patchOp({ op: "add", path: "emails", value: [{ value, type: "other" }] }))));
    for (const res of results) expect(res.status, res.text).toBe(200);
    const user = await scim.get(`/Users/${userId!}`);
    const values = ((user.body?.emails ?? []) as { value: string }[]).map((e) => e.value);
    for (const email of emails) expect(values, user.text).toContain(email);
    expect((user.body?.meta as { version?: string } | undefined)?.version, user.text).toBe('W/"21"');
  });
});

test.describe("PATCH /scim/v2/{dir}/Groups/{id} with 10,000 members", () => {
  test.setTimeout(300_000);

  test("one PATCH adds 10,000 members, GET returns them all (or none with excludedAttributes=members), one PATCH removes 5,000", async () => {
    const dir = await afterBlockingCli(newDirectory("entra"));
    const scim = scimClient(dir);
    const [directory] = await sql<{ organizationId: string }>(`SELECT "organizationId" FROM "Directory" WHERE id = $1`, [dir.id]);
    expect(directory?.organizationId).toBe(dir.orgId);

    // 10,000 users straight into the table: the subject here is the group PATCH, not 10,000 POSTs.
    const tag = randomBytes(5).toString("hex");
    const inserted = await sql<{ id: string }>(
      `INSERT INTO "DirectoryUser" ("id", "organizationId", "directoryId", "userName", "attributes")
       SELECT 'usr_bulk' || $3 || '_' || lpad(i::text, 5, '0'), $1, $2, 'bulk' || i || '@' || $3 || '.example.com',
              jsonb_build_object('userName', 'bulk' || i || '@' || $3 || '.example.com', 'active', true)
         FROM generate_series(1, 10000) AS i
       RETURNING "id"`,
      [dir.orgId, dir.id, tag],
    );
    expect(inserted.length).toBe(10_000);
    const userIds = inserted.map((r) => r.id).sort();
    const listed = await scim.get("/Users?count=0");
    expect(listed.body?.totalResults, listed.text).toBe(10_000);

    const groupId = await createGroup(scim);
    const add = await scim.patch(`/Groups/${groupId}`, patchOp({ op: "Add", path: "members", value: userIds.map((value) => ({ value })) }));
    expect(add.status, add.text).toBe(204);

    const full = await scim.get(`/Groups/${groupId}`);
    expect(full.status, full.text.slice(0, 2000)).toBe(200);
    expect(ids(full, "members")).toEqual(userIds);
    expect(await memberRows(groupId)).toEqual(userIds);

    const lean = await scim.get(`/Groups/${groupId}?excludedAttributes=members`);
    expect(lean.status, lean.text).toBe(200);
    expect(lean.body?.members, lean.text.slice(0, 2000)).toBeUndefined();
    expect(lean.body?.id, lean.text).toBe(groupId);
    const leanList = await scim.get(`/Groups?excludedAttributes=members&filter=${encodeURIComponent(`id eq "${groupId}"`)}`);
    expect((leanList.body?.Resources as Record<string, unknown>[] | undefined)?.[0]?.members, leanList.text.slice(0, 2000)).toBeUndefined();

    // Entra's default removal form: path "members" with a value list.
    const [removed, kept] = [userIds.slice(0, 5_000), userIds.slice(5_000)];
    const remove = await scim.patch(`/Groups/${groupId}`, patchOp({ op: "Remove", path: "members", value: removed.map((value) => ({ $ref: null, value })) }));
    expect(remove.status, remove.text).toBe(204);

    const half = await scim.get(`/Groups/${groupId}`);
    expect(half.status, half.text.slice(0, 2000)).toBe(200);
    expect(ids(half, "members")).toEqual(kept);
    expect(await memberRows(groupId)).toEqual(kept);
    // The removed users still exist; only their membership went.
    const stillThere = await scim.get(`/Users/${removed[0]!}`);
    expect(stillThere.status, stillThere.text).toBe(200);
    expect(stillThere.body?.groups ?? [], stillThere.text).toEqual([]);
  });
});
