// Tenancy over real HTTP (STYLE.md rules 3 and 11): a directory's token opens that directory only; another
// directory's ids are 404 through it, as if they didn't exist; filters and group writes never reach across; and a
// missing, malformed, revoked or expired token gets 401. Two organisations, A and B, each with one directory.
import { randomUUID } from "node:crypto";
import { expect, test } from "../fixtures";
import { dsyncJson, newDirectory, type Directory } from "../support/cli";
import { directorySnapshot, sql } from "../support/db";
import { GROUP_URN, PATCH_URN, USER_URN, scimClient, userBody, type ScimResult } from "../support/scim";

const ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error";
const LIST_RESPONSE_URN = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

/**
 * The CLI helpers run with spawnSync, which blocks this process for seconds. Meanwhile the app closes idle keep-alive
 * sockets (Node's 5 s keepAliveTimeout); a request sent before the event loop has seen those closes reuses a dead
 * socket and fails with "other side closed". Letting the loop turn once first makes fetch open a fresh connection.
 */
async function afterBlockingCli<T>(result: T): Promise<T> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  return result;
}

type Scim = ReturnType<typeof scimClient>;
type Seeded = { dir: Directory; scim: Scim; userId: string; userName: string; groupId: string; groupName: string };

/** A directory in its own organisation, holding one user who is a member of one group. */
async function seededDirectory(provider: string): Promise<Seeded> {
  const dir = await afterBlockingCli(newDirectory(provider));
  const scim = scimClient(dir);
  const userName = `isolation.${randomUUID()}@example.com`;
  const user = await scim.post("/Users", userBody(userName));
  expect(user.status, user.text).toBe(201);
  const userId = String(user.body?.id);
  const groupName = `Isolation ${randomUUID()}`;
  const group = await scim.post("/Groups", { schemas: [GROUP_URN], displayName: groupName, members: [{ value: userId }] });
  expect(group.status, group.text).toBe(201);
  return { dir, scim, userId, userName, groupId: String(group.body?.id), groupName };
}

function expectUnauthorized(res: ScimResult, label: string) {
  expect(res.status, `${label}: ${res.text}`).toBe(401);
  expect(res.body, `${label}: ${res.text}`).toMatchObject({ schemas: [ERROR_URN], status: "401", detail: expect.any(String) });
  expect(res.headers.get("www-authenticate"), label).toMatch(/^Bearer\b/);
  expect(res.headers.get("content-type"), label).toMatch(/^application\/scim\+json/);
}

function expectNotFound(res: ScimResult, label: string) {
  expect(res.status, `${label}: ${res.text}`).toBe(404);
  expect(res.body, `${label}: ${res.text}`).toMatchObject({ schemas: [ERROR_URN], status: "404" });
}

function patchOp(...operations: Record<string, unknown>[]) {
  return { schemas: [PATCH_URN], Operations: operations };
}

/** Every SCIM route, with bodies that would succeed with the right token, so only the token can make them fail. */
function everyRoute(target: Seeded): { method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; path: string; body?: unknown }[] {
  const { userId, userName, groupId, groupName } = target;
  return [
    { method: "GET", path: "/Users" },
    { method: "GET", path: `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}` },
    { method: "POST", path: "/Users", body: userBody(`intruder.${randomUUID()}@example.com`) },
    { method: "GET", path: `/Users/${userId}` },
    { method: "PUT", path: `/Users/${userId}`, body: userBody(userName, { displayName: "Overwritten" }) },
    { method: "PATCH", path: `/Users/${userId}`, body: patchOp({ op: "replace", path: "active", value: false }) },
    { method: "DELETE", path: `/Users/${userId}` },
    { method: "GET", path: "/Groups" },
    { method: "POST", path: "/Groups", body: { schemas: [GROUP_URN], displayName: `Intruders ${randomUUID()}` } },
    { method: "GET", path: `/Groups/${groupId}` },
    { method: "PUT", path: `/Groups/${groupId}`, body: { schemas: [GROUP_URN], displayName: groupName, members: [] } },
    { method: "PATCH", path: `/Groups/${groupId}`, body: patchOp({ op: "replace", path: "members", value: [] }) },
    { method: "DELETE", path: `/Groups/${groupId}` },
    { method: "GET", path: "/ServiceProviderConfig" },
    { method: "GET", path: "/Schemas" },
    { method: "GET", path: `/Schemas/${USER_URN}` },
    { method: "GET", path: "/ResourceTypes" },
    { method: "GET", path: "/ResourceTypes/User" },
  ];
}

let a: Seeded;
let b: Seeded;

test.beforeAll(async () => {
  a = await seededDirectory("entra");
  b = await seededDirectory("okta");
  expect(a.dir.orgId).not.toBe(b.dir.orgId);
});

test.describe("Every route of /scim/v2/{B} with A's token", () => {
  test("answers 401 with a SCIM error body and WWW-Authenticate, and B's data is unchanged", async () => {
    const before = await directorySnapshot(b.dir.id);
    const aTokenOnB = scimClient({ scimBaseUrl: b.dir.scimBaseUrl, token: a.dir.token });
    for (const route of everyRoute(b)) {
      expectUnauthorized(await aTokenOnB.request(route.method, route.path, route.body), `${route.method} ${route.path}`);
    }
    expect(await directorySnapshot(b.dir.id)).toEqual(before);
    // B's own token still works, and sees B unchanged.
    const user = await b.scim.get(`/Users/${b.userId}`);
    expect(user.status, user.text).toBe(200);
    expect(user.body, user.text).toMatchObject({ userName: b.userName, active: true });
  });

  test("B's token on A's routes answers 401 too, and A's data is unchanged", async () => {
    const before = await directorySnapshot(a.dir.id);
    const bTokenOnA = scimClient({ scimBaseUrl: a.dir.scimBaseUrl, token: b.dir.token });
    for (const route of everyRoute(a)) {
      expectUnauthorized(await bTokenOnA.request(route.method, route.path, route.body), `${route.method} ${route.path}`);
    }
    expect(await directorySnapshot(a.dir.id)).toEqual(before);
  });
});

test.describe("B's ids through /scim/v2/{A} with A's token", () => {
  test("B's user is 404 for GET, PUT, PATCH and DELETE, and B's data is unchanged", async () => {
    const before = await directorySnapshot(b.dir.id);
    const path = `/Users/${b.userId}`;
    expectNotFound(await a.scim.get(path), `GET ${path}`);
    expectNotFound(await a.scim.put(path, userBody(b.userName, { displayName: "Overwritten" })), `PUT ${path}`);
    expectNotFound(await a.scim.patch(path, patchOp({ op: "replace", path: "active", value: false })), `PATCH ${path}`);
    expectNotFound(await a.scim.patch(path, patchOp({ op: "replace", value: { userName: `taken.${randomUUID()}@example.com` } })), `PATCH ${path} (no path)`);
    expectNotFound(await a.scim.delete(path), `DELETE ${path}`);
    expect(await directorySnapshot(b.dir.id)).toEqual(before);
  });

  test("B's group is 404 for GET, PUT, PATCH and DELETE, and B's data is unchanged", async () => {
    const before = await directorySnapshot(b.dir.id);
    const path = `/Groups/${b.groupId}`;
    expectNotFound(await a.scim.get(path), `GET ${path}`);
    expectNotFound(await a.scim.get(`${path}?excludedAttributes=members`), `GET ${path}?excludedAttributes=members`);
    expectNotFound(await a.scim.put(path, { schemas: [GROUP_URN], displayName: "Overwritten", members: [{ value: a.userId }] }), `PUT ${path}`);
    expectNotFound(await a.scim.patch(path, patchOp({ op: "add", path: "members", value: [{ value: a.userId }] })), `PATCH ${path} (add member)`);
    expectNotFound(await a.scim.patch(path, patchOp({ op: "remove", path: `members[value eq "${b.userId}"]` })), `PATCH ${path} (remove member)`);
    expectNotFound(await a.scim.patch(path, patchOp({ op: "replace", path: "displayName", value: "Renamed" })), `PATCH ${path} (rename)`);
    expectNotFound(await a.scim.delete(path), `DELETE ${path}`);
    expect(await directorySnapshot(b.dir.id)).toEqual(before);
  });

  test("an If-Match that would match B's resource changes nothing either: still 404, never 412", async () => {
    const before = await directorySnapshot(b.dir.id);
    const etag = (await b.scim.get(`/Users/${b.userId}`)).headers.get("etag") ?? 'W/"1"';
    expectNotFound(await a.scim.delete(`/Users/${b.userId}`, { "If-Match": etag }), "DELETE with If-Match");
    expectNotFound(await a.scim.delete(`/Users/${b.userId}`, { "If-Match": 'W/"999"' }), "DELETE with a stale If-Match");
    expect(await directorySnapshot(b.dir.id)).toEqual(before);
  });
});

test.describe("Group writes in /scim/v2/{A} naming B's user", () => {
  test("PATCH add, PATCH replace, POST and PUT with B's user id add nothing to A's group, and B is unchanged", async () => {
    const beforeB = await directorySnapshot(b.dir.id);
    const group = await a.scim.post("/Groups", { schemas: [GROUP_URN], displayName: `Cross ${randomUUID()}`, members: [{ value: b.userId }] });
    expect(group.status, group.text).toBe(201);
    const groupId = String(group.body?.id);
    expect(group.body?.members ?? [], group.text).toEqual([]);

    const writes: [string, Promise<ScimResult>][] = [];
    for (const [label, op] of [
      ["PATCH add", { op: "Add", path: "members", value: [{ $ref: null, value: b.userId }] }],
      ["PATCH add (bare string)", { op: "add", path: "members", value: b.userId }],
      ["PATCH no-path add", { op: "add", value: { members: [{ value: b.userId }] } }],
      ["PATCH replace", { op: "replace", path: "members", value: [{ value: b.userId }] }],
    ] as const) {
      writes.push([label, a.scim.patch(`/Groups/${groupId}`, patchOp(op))]);
    }
    for (const [label, pending] of writes) {
      const res = await pending;
      expect([200, 204], `${label}: ${res.text}`).toContain(res.status);
    }
    const put = await a.scim.put(`/Groups/${groupId}`, { schemas: [GROUP_URN], displayName: String(group.body?.displayName), members: [{ value: b.userId }] });
    expect(put.status, put.text).toBe(200);

    const read = await a.scim.get(`/Groups/${groupId}`);
    expect(read.status, read.text).toBe(200);
    expect(read.body?.members ?? [], read.text).toEqual([]);
    const rows = await sql(`SELECT "directoryId", "groupId" FROM "GroupMember" WHERE "userId" = $1`, [b.userId]);
    expect(rows).toEqual([{ directoryId: b.dir.id, groupId: b.groupId }]);
    expect(await directorySnapshot(b.dir.id)).toEqual(beforeB);
    // A's own user can still join, so the group was writable all along.
    const own = await a.scim.patch(`/Groups/${groupId}?attributes=members`, patchOp({ op: "add", path: "members", value: [{ value: a.userId }] }));
    expect(own.status, own.text).toBe(200);
    expect((own.body?.members as { value: string }[] | undefined)?.map((m) => m.value), own.text).toEqual([a.userId]);
  });
});

test.describe("GET /scim/v2/{A}/Users and /Groups with filters naming B's resources", () => {
  test("id, userName, externalId, displayName and member filters return nothing from B", async () => {
    const queries = [
      `/Users?filter=${encodeURIComponent(`id eq "${b.userId}"`)}`,
      `/Users?filter=${encodeURIComponent(`userName eq "${b.userName}"`)}`,
      `/Users?filter=${encodeURIComponent(`userName eq "${b.userName.toUpperCase()}"`)}`,
      `/Users?filter=${encodeURIComponent(`id eq ${b.userId}`)}`,
      `/Users?filter=${encodeURIComponent(`userName eq "${b.userName}" or id eq "${b.userId}"`)}`,
      `/Users?filter=${encodeURIComponent(`groups[value eq "${b.groupId}"]`)}`,
      `/Groups?filter=${encodeURIComponent(`id eq "${b.groupId}"`)}`,
      `/Groups?filter=${encodeURIComponent(`displayName eq "${b.groupName}"`)}&excludedAttributes=members`,
      `/Groups?filter=${encodeURIComponent(`members[value eq "${b.userId}"]`)}`,
      `/Groups?filter=${encodeURIComponent(`members.value eq "${b.userId}"`)}`,
    ];
    for (const query of queries) {
      const res = await a.scim.get(query);
      expect(res.status, `${query}: ${res.text}`).toBe(200);
      expect(res.body, `${query}: ${res.text}`).toMatchObject({ schemas: [LIST_RESPONSE_URN], totalResults: 0, Resources: [] });
    }
    // The same filters find A's own resources, so an empty answer means isolation, not a broken filter.
    const own = await a.scim.get(`/Users?filter=${encodeURIComponent(`userName eq "${a.userName}"`)}`);
    expect(own.body?.totalResults, own.text).toBe(1);
    const ownGroups = await a.scim.get(`/Groups?filter=${encodeURIComponent(`members[value eq "${a.userId}"]`)}`);
    expect((ownGroups.body?.Resources as { id: string }[] | undefined)?.map((g) => g.id), ownGroups.text).toContain(a.groupId);
  });

  test("an unfiltered list through A shows A's resources only", async () => {
    const users = await a.scim.get("/Users?count=1000");
    const userIds = (users.body?.Resources as { id: string }[] | undefined)?.map((u) => u.id) ?? [];
    expect(userIds, users.text).toContain(a.userId);
    expect(userIds, users.text).not.toContain(b.userId);
    const groups = await a.scim.get("/Groups?count=1000");
    const groupIds = (groups.body?.Resources as { id: string }[] | undefined)?.map((g) => g.id) ?? [];
    expect(groupIds, groups.text).toContain(a.groupId);
    expect(groupIds, groups.text).not.toContain(b.groupId);
  });
});

test.describe("Authorization on /scim/v2/{dir}", () => {
  test("no Authorization header answers 401", async () => {
    const res = await fetch(`${a.dir.scimBaseUrl}/Users`);
    const text = await res.text();
    expectUnauthorized({ status: res.status, headers: res.headers, body: JSON.parse(text) as Record<string, unknown>, text }, "no header");
  });

  test("malformed Authorization headers answer 401", async () => {
    const token = a.dir.token;
    for (const header of [
      "",
      "Bearer",
      "Bearer ",
      token,
      `Basic ${Buffer.from(`user:${token}`).toString("base64")}`,
      `Token ${token}`,
      `Bearer ${token}x`,
      `Bearer ${token.slice(0, -1)}`,
      `Bearer ${token} extra`,
      "non-token",
      `Bearer ${"a".repeat(5000)}`,
    ]) {
      expectUnauthorized(await scimClient(a.dir).get("/Users", { Authorization: header }), `Authorization: ${header.slice(0, 40)}`);
    }
  });

  test("a token works on its own directory only under that directory's id: an unknown directory id is 401 too", async () => {
    const res = await scimClient({ scimBaseUrl: a.dir.scimBaseUrl.replace(a.dir.id, "dir_00000000000000000000000000"), token: a.dir.token }).get("/Users");
    expectUnauthorized(res, "unknown directory id");
  });

  test("a revoked token answers 401 on every route, and the directory's data is unchanged", async () => {
    const c = await seededDirectory("generic");
    const ok = await c.scim.get("/Users");
    expect(ok.status, ok.text).toBe(200);
    const before = await directorySnapshot(c.dir.id);

    const revoked = await afterBlockingCli(dsyncJson<{ revoked: number }>("token", "revoke", "--directory", c.dir.id));
    expect(revoked.revoked).toBeGreaterThanOrEqual(1);
    for (const route of everyRoute(c)) {
      expectUnauthorized(await c.scim.request(route.method, route.path, route.body), `${route.method} ${route.path} after revoke`);
    }
    expect(await directorySnapshot(c.dir.id)).toEqual(before);
  });

  test("after a rotation with --grace 0 the old token answers 401 and the new one works", async () => {
    const c = await seededDirectory("generic");
    const rotated = await afterBlockingCli(dsyncJson<{ token: string }>("token", "rotate", "--directory", c.dir.id, "--grace", "0"));
    expect(rotated.token).not.toBe(c.dir.token);
    const before = await directorySnapshot(c.dir.id);

    for (const route of everyRoute(c)) {
      expectUnauthorized(await c.scim.request(route.method, route.path, route.body), `${route.method} ${route.path} with the rotated-out token`);
    }
    expect(await directorySnapshot(c.dir.id)).toEqual(before);

    const fresh = scimClient({ scimBaseUrl: c.dir.scimBaseUrl, token: rotated.token });
    const user = await fresh.get(`/Users/${c.userId}`);
    expect(user.status, user.text).toBe(200);
    // The new token is as tenant-bound as the old one.
    expectUnauthorized(await scimClient({ scimBaseUrl: a.dir.scimBaseUrl, token: rotated.token }).get("/Users"), "rotated token on A");
  });

  test("after a rotation with the default grace both tokens work until the old one is revoked", async () => {
    const c = await seededDirectory("generic");
    const rotated = await afterBlockingCli(dsyncJson<{ token: string; previousTokensExpireAt: string | null }>("token", "rotate", "--directory", c.dir.id));
    expect(rotated.previousTokensExpireAt).not.toBeNull();
    const fresh = scimClient({ scimBaseUrl: c.dir.scimBaseUrl, token: rotated.token });
    expect((await c.scim.get("/Users")).status).toBe(200);
    expect((await fresh.get("/Users")).status).toBe(200);
    await afterBlockingCli(dsyncJson("token", "revoke", "--directory", c.dir.id));
    expectUnauthorized(await c.scim.get("/Users"), "old token after revoke");
    expectUnauthorized(await fresh.get("/Users"), "new token after revoke-all");
  });
});
