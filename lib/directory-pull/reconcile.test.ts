import { describe, expect, it } from "vitest";
import { ScimRequestLog } from "@/lib/audit/scim-request-log";
import { sql } from "@/lib/db/sql";
import { createDirectory } from "@/lib/directory/create-directory";
import { createUser } from "@/lib/directory/create-user";
import { newId } from "@/lib/ids";
import { createOrganization } from "@/lib/organizations/create-organization";
import { createUserBodySchema } from "@/lib/scim/requests";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { createPulledDirectory } from "./create-pulled-directory";
import { listDirectorySyncs } from "./list-directory-syncs";
import { approveHeldSync, discardHeldSync } from "./resolve-held-sync";
import { runDirectorySync } from "./run-directory-sync";
import { snapshotUserRef, type DirectorySnapshot, type SnapshotUser } from "./snapshot";

setupTestDatabase();

let slugs = 0;
async function newOrg() {
  return createOrganization({ name: "Acme", slug: `pull-${slugs++}` });
}
async function newPulled(orgId?: string, extra: { syncMode?: "FULL" | "DEPROVISION_ONLY"; deactivationGuardPercent?: number } = {}) {
  const organizationId = orgId ?? (await newOrg()).id;
  const dir = await createPulledDirectory({ organizationId, source: "google", ...extra });
  return { id: dir.id, organizationId };
}

function person(n: string, extra: Partial<SnapshotUser> = {}): SnapshotUser {
  return {
    externalId: `g-${n}`, userName: `${n}@acme.com`, email: `${n}@acme.com`, givenName: n, familyName: "Acme", displayName: `${n} Acme`,
    department: null, manager: null, active: true, ...extra,
  };
}

function snap(users: SnapshotUser[], groups: Array<{ name: string; members: SnapshotUser[] }> = []): DirectorySnapshot {
  return { users, groups: groups.map((g) => ({ externalId: `g-grp-${g.name}`, displayName: g.name, members: g.members.map(snapshotUserRef) })) };
}

const sync = (dir: { id: string; organizationId: string }, snapshot: DirectorySnapshot | (() => Promise<DirectorySnapshot>)) =>
  runDirectorySync({
    organizationId: dir.organizationId, directoryId: dir.id, source: "google", trigger: "manual", requestedBy: "test",
    fetchSnapshot: typeof snapshot === "function" ? snapshot : async () => snapshot,
  });

async function users(dirId: string) {
  return sql.query<{ id: string; userName: string; active: boolean; externalId: string | null; givenName: string | null }>(
    `SELECT "id", "userName"::text AS "userName", "active", "externalId", "givenName"::text AS "givenName" FROM "DirectoryUser" WHERE "directoryId" = $1 ORDER BY "userName"`, [dirId]);
}
async function members(dirId: string) {
  const rows = await sql.query<{ g: string; u: string }>(
    `SELECT g."displayName"::text AS g, u."userName"::text AS u FROM "GroupMember" m JOIN "DirectoryGroup" g ON g."id" = m."groupId" JOIN "DirectoryUser" u ON u."id" = m."userId" WHERE m."directoryId" = $1 ORDER BY 1, 2`, [dirId]);
  return rows.map((r) => `${r.g}:${r.u}`);
}
async function eventTypes(dirId: string) {
  const rows = await sql.query<{ type: string }>(`SELECT "type" FROM "Event" WHERE "directoryId" = $1 ORDER BY "seq"`, [dirId]);
  return rows.map((r) => r.type);
}
async function logActions(dirId: string) {
  const rows = await sql.query<{ method: string; path: string; actions: string[]; subject: string }>(
    `SELECT "method", "path", "actions", "subject"::text AS subject FROM "SyncLogEntry" WHERE "directoryId" = $1 ORDER BY "id"`, [dirId]);
  return rows;
}
async function account(orgId: string, email: string) {
  const [row] = await sql.query<{ id: string; status: string }>(`SELECT "id", "status" FROM "Account" WHERE "organizationId" = $1 AND "email" = $2::citext`, [orgId, email]);
  return row;
}

describe("reconciling a pulled directory", () => {
  it("creates users, accounts, groups and memberships, each with its event and sync-log entry", async () => {
    const dir = await newPulled();
    const [alice, bob] = [person("alice", { department: "Eng", manager: "carol@acme.com" }), person("bob")];
    const out = await sync(dir, snap([alice, bob], [{ name: "Engineering", members: [alice, bob] }]));
    expect(out.status).toBe("succeeded");
    expect(out.counts).toMatchObject({ created: 2, groupsCreated: 1, membersAdded: 2, deactivated: 0 });
    expect((await users(dir.id)).map((u) => [u.userName, u.active, u.externalId])).toEqual([["alice@acme.com", true, "g-alice"], ["bob@acme.com", true, "g-bob"]]);
    expect(await members(dir.id)).toEqual(["Engineering:alice@acme.com", "Engineering:bob@acme.com"]);
    expect((await account(dir.organizationId, "alice@acme.com"))?.status).toBe("active");
    expect(await eventTypes(dir.id)).toEqual(["dsync.user.created", "dsync.user.created", "dsync.group.created", "dsync.group.user_added", "dsync.group.user_added"]);
    const log = await logActions(dir.id);
    expect(log).toHaveLength(3);
    expect(log[0]).toMatchObject({ method: "PULL", path: `/pull/google/${out.syncId}`, subject: "alice@acme.com", actions: ["user.created", "account.created"] });
    const [user] = await sql.query<{ attributes: Record<string, unknown> }>(`SELECT "attributes" FROM "DirectoryUser" WHERE "directoryId" = $1 AND "externalId" = 'g-alice'`, [dir.id]);
    expect(user!.attributes["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]).toEqual({ department: "Eng", manager: { value: "carol@acme.com" } });
  });

  it("a second identical snapshot changes nothing and writes nothing", async () => {
    const dir = await newPulled();
    const s = snap([person("a"), person("b")], [{ name: "G", members: [person("a")] }]);
    await sync(dir, s);
    const before = (await eventTypes(dir.id)).length;
    const out = await sync(dir, s);
    expect(out.counts).toEqual({ created: 0, updated: 0, deactivated: 0, reactivated: 0, groupsCreated: 0, groupsUpdated: 0, groupsDeleted: 0, membersAdded: 0, membersRemoved: 0 });
    expect(await eventTypes(dir.id)).toHaveLength(before);
  });

  it("updates, deactivates the missing and the suspended (revoking sessions), reactivates, renames and re-members groups, deletes gone groups", async () => {
    const dir = await newPulled(undefined, { deactivationGuardPercent: 100 });
    const [a, b, c, d] = ["a", "b", "c", "d"].map((n) => person(n));
    await sync(dir, snap([a!, b!, c!, d!], [{ name: "G1", members: [a!, b!] }, { name: "G2", members: [c!] }]));
    const bAccount = await account(dir.organizationId, "b@acme.com");
    const sessionId = newId("ses");
    await sql.execute(`INSERT INTO "Session" ("id", "organizationId", "accountId", "tokenHash", "expiresAt") VALUES ($1, $2, $3, $1, now() + interval '1 day')`, [sessionId, dir.organizationId, bAccount!.id]);

    // a renamed, b gone from the source, c suspended, G1 renamed and now a+d, G2 gone.
    const out = await sync(dir, { users: [{ ...a!, givenName: "Ann" }, { ...c!, active: false }, d!], groups: [{ externalId: "g-grp-G1", displayName: "Group One", members: [snapshotUserRef(a!), snapshotUserRef(d!)] }] });
    expect(out.counts).toEqual({ created: 0, updated: 1, deactivated: 2, reactivated: 0, groupsCreated: 0, groupsUpdated: 1, groupsDeleted: 1, membersAdded: 1, membersRemoved: 1 });
    const now = await users(dir.id);
    expect(now.map((u) => [u.userName, u.active, u.givenName])).toEqual([["a@acme.com", true, "Ann"], ["b@acme.com", false, "b"], ["c@acme.com", false, "c"], ["d@acme.com", true, "d"]]);
    expect(await members(dir.id)).toEqual(["Group One:a@acme.com", "Group One:d@acme.com"]);
    expect((await account(dir.organizationId, "b@acme.com"))?.status).toBe("deactivated");
    const [session] = await sql.query<{ revokedAt: Date | null }>(`SELECT "revokedAt" FROM "Session" WHERE "id" = $1`, [sessionId]);
    expect(session!.revokedAt).not.toBeNull();
    const types = await eventTypes(dir.id);
    expect(types.filter((t) => t === "account.deactivated")).toHaveLength(2);
    expect(types).toContain("dsync.group.deleted");
    expect(types).toContain("dsync.group.user_removed");

    // b comes back: reactivated, same row, never a second one.
    const back = await sync(dir, { users: [{ ...a!, givenName: "Ann" }, b!, { ...c!, active: false }, d!], groups: [{ externalId: "g-grp-G1", displayName: "Group One", members: [snapshotUserRef(a!), snapshotUserRef(d!)] }] });
    expect(back.counts).toMatchObject({ reactivated: 1, created: 0, deactivated: 0 });
    expect((await users(dir.id)).find((u) => u.userName === "b@acme.com")?.active).toBe(true);
    expect((await account(dir.organizationId, "b@acme.com"))?.status).toBe("active");
    expect((await logActions(dir.id)).at(-1)?.actions).toEqual(["user.reactivated", "account.reactivated"]);
  });

  it("matches a user by userName when the source has no id for it (CSV) and links an existing account by email", async () => {
    const dir = await newPulled();
    await sql.execute(`INSERT INTO "Account" ("id", "organizationId", "email", "source") VALUES ($1, $2, 'pat@acme.com', 'manual')`, [newId("acc"), dir.organizationId]);
    await sync(dir, snap([person("pat", { externalId: null })]));
    const out = await sync(dir, snap([person("pat", { externalId: null, userName: "PAT@acme.com", displayName: "Pat" })]));
    expect(out.counts).toMatchObject({ created: 0, updated: 1 });
    expect(await users(dir.id)).toHaveLength(1);
    const [row] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Account" WHERE "organizationId" = $1`, [dir.organizationId]);
    expect(row!.n).toBe(1);
    expect((await logActions(dir.id))[0]?.actions).toEqual(["user.created", "account.linked"]);
  });

  it("in deprovision-only mode creates no accounts and leaves groups alone", async () => {
    const dir = await newPulled(undefined, { syncMode: "DEPROVISION_ONLY" });
    const out = await sync(dir, snap([person("x")], [{ name: "G", members: [person("x")] }]));
    expect(out.counts).toMatchObject({ created: 1, groupsCreated: 0 });
    expect(await account(dir.organizationId, "x@acme.com")).toBeUndefined();
    expect(await members(dir.id)).toEqual([]);
  });
});

describe("the guard rail", () => {
  it("holds a snapshot that would deactivate more than the directory's share, changes nothing, and applies it once approved", async () => {
    const dir = await newPulled();
    const all = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"].map((n) => person(n));
    await sync(dir, snap(all));
    const before = (await eventTypes(dir.id)).length;
    const held = await sync(dir, snap(all.slice(0, 6))); // 4 of 10 is 40% > 30%
    expect(held.status).toBe("held");
    expect(held.message).toMatch(/would deactivate 4 of 10 active users \(40%\), more than the 30%/);
    expect((await users(dir.id)).every((u) => u.active)).toBe(true);
    expect(await eventTypes(dir.id)).toHaveLength(before);
    const [d] = await sql.query<{ lastSyncOutcome: string }>(`SELECT "lastSyncOutcome" FROM "Directory" WHERE "id" = $1`, [dir.id]);
    expect(d!.lastSyncOutcome).toBe("held");

    // 3 of 10 is within the share: applied at once.
    const small = await newPulled();
    await sync(small, snap(all));
    expect((await sync(small, snap(all.slice(0, 7)))).status).toBe("succeeded");

    const approved = await approveHeldSync({ organizationId: dir.organizationId, directoryId: dir.id, syncId: held.syncId, approvedBy: "staff:ops@rollcall.dev" });
    expect(approved).toMatchObject({ status: "succeeded", counts: { deactivated: 4 } });
    expect((await users(dir.id)).filter((u) => !u.active)).toHaveLength(4);
    await expect(approveHeldSync({ organizationId: dir.organizationId, directoryId: dir.id, syncId: held.syncId, approvedBy: "x" })).rejects.toThrow(/not waiting for approval/);
    const [history] = await listDirectorySyncs({ organizationId: dir.organizationId, directoryId: dir.id });
    expect(history).toMatchObject({ id: held.syncId, status: "succeeded" });
    expect(history!.message).toMatch(/Approved by staff:ops@rollcall.dev/);
  });

  it("a discarded held snapshot is never applied, and another organisation cannot approve it", async () => {
    const dir = await newPulled();
    const all = ["a", "b", "c"].map((n) => person(n));
    await sync(dir, snap(all));
    const held = await sync(dir, snap([]));
    expect(held.status).toBe("held");
    const other = await newOrg();
    await expect(approveHeldSync({ organizationId: other.id, directoryId: dir.id, syncId: held.syncId, approvedBy: "x" })).rejects.toThrow(/not found/i);
    await discardHeldSync({ organizationId: dir.organizationId, directoryId: dir.id, syncId: held.syncId, discardedBy: "portal" });
    await expect(approveHeldSync({ organizationId: dir.organizationId, directoryId: dir.id, syncId: held.syncId, approvedBy: "x" })).rejects.toThrow(/not waiting/);
    expect((await users(dir.id)).every((u) => u.active)).toBe(true);
  });
});

describe("failures and races", () => {
  it("a source that fails halfway changes nothing, says why on the directory and emits dsync.sync_failed", async () => {
    const dir = await newPulled();
    await sync(dir, snap([person("a"), person("b")]));
    const before = await eventTypes(dir.id);
    // The source had answered a first page (with a change to a) before its second page failed.
    const out = await sync(dir, async () => {
      const pages: SnapshotUser[] = [person("a", { givenName: "changed" })];
      if (pages.length > 0) throw new Error("page 2 answered 503");
      return snap(pages);
    });
    expect(out).toMatchObject({ status: "failed", counts: null });
    expect((await users(dir.id)).map((u) => [u.active, u.givenName])).toEqual([[true, "a"], [true, "b"]]);
    const after = await eventTypes(dir.id);
    expect(after.slice(before.length)).toEqual(["dsync.sync_failed"]);
    const [d] = await sql.query<{ lastSyncOutcome: string; syncProblem: string }>(`SELECT "lastSyncOutcome", "syncProblem" FROM "Directory" WHERE "id" = $1`, [dir.id]);
    expect(d).toEqual({ lastSyncOutcome: "failed", syncProblem: "The source could not be read: page 2 answered 503" });
  });

  it("a snapshot that lists one userName twice fails as a whole", async () => {
    const dir = await newPulled();
    const out = await sync(dir, snap([person("a"), person("a", { externalId: "g-other" })]));
    expect(out).toMatchObject({ status: "failed", message: 'The source lists the userName "a@acme.com" twice' });
    expect(await users(dir.id)).toEqual([]);
  });

  it("two syncs racing on one directory end as one consistent state", async () => {
    const dir = await newPulled();
    const people = Array.from({ length: 40 }, (_, i) => person(`p${i}`));
    const s = snap(people, [{ name: "All", members: people }]);
    const [one, two] = await Promise.all([sync(dir, s), sync(dir, s)]);
    expect([one.status, two.status]).toEqual(["succeeded", "succeeded"]);
    expect((one.counts!.created) + (two.counts!.created)).toBe(40);
    expect(await users(dir.id)).toHaveLength(40);
    expect(await members(dir.id)).toHaveLength(40);
    const types = await eventTypes(dir.id);
    expect(types.filter((t) => t === "dsync.user.created")).toHaveLength(40);
    expect(types.filter((t) => t === "dsync.group.created")).toHaveLength(1);
  });

  it("a SCIM write and a pull on different directories of one organisation stay separate", async () => {
    const org = await newOrg();
    const pulled = await newPulled(org.id);
    const { directory: pushed } = await createDirectory({ organizationId: org.id, provider: "okta", syncMode: "FULL" });
    const scimDir = { id: pushed.id, organizationId: org.id, syncMode: "FULL" as const };
    const scimLog = new ScimRequestLog({ organizationId: org.id, directoryId: pushed.id, method: "POST", path: `/scim/v2/${pushed.id}/Users`, query: null, tokenPrefix: null, clientIp: null, userAgent: null });
    const body = createUserBodySchema.parse({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "okta-only@acme.com", emails: [{ value: "okta-only@acme.com", primary: true }] });
    await Promise.all([
      createUser({ directory: scimDir, body, log: scimLog }),
      sync(pulled, snap([person("g1"), person("g2")])),
    ]);
    // An empty snapshot of the pulled directory is held (it would deactivate everyone) and never touches the SCIM one.
    await sync(pulled, snap([]));
    expect((await users(pulled.id)).map((u) => u.userName)).toEqual(["g1@acme.com", "g2@acme.com"]);
    expect((await users(pushed.id)).map((u) => [u.userName, u.active])).toEqual([["okta-only@acme.com", true]]);
    const approveAll = (await listDirectorySyncs({ organizationId: org.id, directoryId: pulled.id }))[0]!;
    await approveHeldSync({ organizationId: org.id, directoryId: pulled.id, syncId: approveAll.id, approvedBy: "t" });
    expect((await users(pushed.id)).map((u) => u.active)).toEqual([true]);
    expect((await account(org.id, "okta-only@acme.com"))?.status).toBe("active");
    expect(await listDirectorySyncs({ organizationId: org.id, directoryId: pushed.id })).toEqual([]);
  });
});
