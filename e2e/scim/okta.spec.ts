// Okta's provisioning traffic, replayed as ../shared/scim/idp-payloads.md §2 publishes it: the full user with a
// placeholder password on POST and PUT, deactivation through PUT and through a no-path PATCH, Group Push with
// members in the POST, no-path renames that repeat the group's id, and member replace. Every response is checked
// for the password, which is `returned: never` and must not even be stored.
import { randomUUID } from "node:crypto";
import { expect, test } from "../fixtures";
import { newDirectory, type Directory } from "../support/cli";
import { sql } from "../support/db";
import { GROUP_URN, PATCH_URN, USER_URN, scimClient, type ScimResult } from "../support/scim";

type Json = Record<string, unknown>;
type Member = { value: string; display?: string };

const LIST_RESPONSE_URN = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error";
/** Okta's placeholder, as in OKTA-REF's create example; every test sends one and no response may carry it. */
const PLACEHOLDER_PASSWORD = "1mz050nq";

/**
 * The CLI helpers run with spawnSync, which blocks this process for seconds. Meanwhile the app closes idle keep-alive
 * sockets (Node's 5 s keepAliveTimeout); a request sent before the event loop has seen those closes reuses a dead
 * socket and fails with "other side closed". Letting the loop turn once first makes fetch open a fresh connection.
 */
async function afterBlockingCli<T>(result: T): Promise<T> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  return result;
}

/**
 * Okta's client: its User-Agent, `application/json` on POST and `application/scim+json; charset=utf-8` elsewhere, as
 * the SPEC suite sends them (idp-payloads.md §2). Each response is checked for a password before the test sees it.
 */
function oktaClient(dir: Pick<Directory, "scimBaseUrl" | "token">) {
  const scim = scimClient(dir);
  const okta = { "User-Agent": "Okta SCIM Client 1.0.0", "Accept-Charset": "utf-8" };
  const json = { ...okta, "Content-Type": "application/json" };
  const scimJson = { ...okta, "Content-Type": "application/scim+json; charset=utf-8" };
  const checked = async (pending: Promise<ScimResult>) => {
    const res = await pending;
    expectNoPassword(res);
    return res;
  };
  return {
    get: (path: string) => checked(scim.get(path, okta)),
    post: (path: string, body: unknown) => checked(scim.post(path, body, json)),
    put: (path: string, body: unknown) => checked(scim.put(path, body, scimJson)),
    patch: (path: string, body: unknown) => checked(scim.patch(path, body, scimJson)),
    delete: (path: string) => checked(scim.delete(path, okta)),
  };
}

type Okta = ReturnType<typeof oktaClient>;

function expectNoPassword(res: ScimResult) {
  expect(res.text, "a response carries the placeholder password").not.toContain(PLACEHOLDER_PASSWORD);
  expect(res.text, "a response carries a password attribute").not.toMatch(/"password"\s*:/i);
}

/** OKTA-REF §2.1's create body, with a fresh userName so that tests don't collide. */
function oktaUserBody(userName = `test.user.${randomUUID()}@okta.local`) {
  return {
    schemas: [USER_URN],
    userName,
    name: { givenName: "Test", familyName: "User" },
    emails: [{ primary: true, value: userName, type: "work" }],
    displayName: "Test User",
    locale: "en-US",
    externalId: `00u${randomUUID().replace(/-/g, "").slice(0, 17)}`,
    groups: [],
    password: PLACEHOLDER_PASSWORD,
    active: true,
  };
}

function patchOp(...operations: Json[]) {
  return { schemas: [PATCH_URN], Operations: operations };
}

/** Okta percent-encodes the raw filter (`%20`, `%22`, `%40`) and pages with startIndex=1&count=100. */
function oktaFilter(filter: string): string {
  return `filter=${encodeURIComponent(filter)}&startIndex=1&count=100`;
}

async function createUser(okta: Okta, body: Json = oktaUserBody()): Promise<{ id: string; userName: string }> {
  const res = await okta.post("/Users", body);
  expect(res.status, res.text).toBe(201);
  return { id: String(res.body?.id), userName: String(res.body?.userName) };
}

async function readUser(okta: Okta, id: string): Promise<Json> {
  const res = await okta.get(`/Users/${id}`);
  expect(res.status, res.text).toBe(200);
  return res.body!;
}

async function readGroup(okta: Okta, id: string): Promise<{ displayName: unknown; members: Member[] }> {
  const res = await okta.get(`/Groups/${id}`);
  expect(res.status, res.text).toBe(200);
  return { displayName: res.body?.displayName, members: ((res.body?.members ?? []) as Member[]).sort((a, b) => a.value.localeCompare(b.value)) };
}

function resources(res: ScimResult): Json[] {
  return (res.body?.Resources ?? []) as Json[];
}

/** The password must not reach the database either: `attributes` holds the resource as sent, minus the password. */
async function expectPasswordNotStored(directoryId: string) {
  const rows = await sql<{ id: string }>(
    `SELECT id FROM "DirectoryUser" WHERE "directoryId" = $1 AND (attributes::text ILIKE '%password%' OR attributes::text LIKE $2)`,
    [directoryId, `%${PLACEHOLDER_PASSWORD}%`],
  );
  expect(rows, "users stored with a password").toEqual([]);
}

let dir: Directory;
let okta: Okta;

test.beforeAll(async () => {
  dir = await afterBlockingCli(newDirectory("okta"));
  okta = oktaClient(dir);
});

test.afterAll(async () => {
  await expectPasswordNotStored(dir.id);
});

test.describe("GET /scim/v2/{dir}/Users?filter=… (does the user exist?)", () => {
  test("a %20-encoded userName filter that matches nothing answers 200 with an empty ListResponse of integers", async () => {
    const res = await okta.get(`/Users?${oktaFilter(`userName eq "test.user.${randomUUID()}@okta.local"`)}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body, res.text).toEqual({ schemas: [LIST_RESPONSE_URN], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
  });

  test("an unknown id answers 404 with a SCIM error body", async () => {
    const res = await okta.get("/Users/010101001010101011001010101011");
    expect(res.status, res.text).toBe(404);
    expect(res.body, res.text).toMatchObject({ schemas: [ERROR_URN], status: "404", detail: expect.any(String) });
  });
});

test.describe("POST /scim/v2/{dir}/Users", () => {
  test("Okta's create (placeholder password, groups: []) answers 201 without the password, and the user matches by userName in any case", async () => {
    const body = oktaUserBody();
    const res = await okta.post("/Users", body);
    expect(res.status, res.text).toBe(201);
    const id = String(res.body?.id);
    expect(res.headers.get("location"), res.text).toBe(`${dir.scimBaseUrl}/Users/${id}`);
    expect(res.body, res.text).toMatchObject({
      id,
      userName: body.userName,
      name: { givenName: "Test", familyName: "User" },
      emails: [{ primary: true, value: body.userName, type: "work" }],
      displayName: "Test User",
      locale: "en-US",
      externalId: body.externalId,
      active: true,
    });
    // groups is read-only: the [] Okta sends is ignored, and a user in no group shows none.
    expect(res.body?.groups ?? [], res.text).toEqual([]);

    const read = await readUser(okta, id);
    expect(read).toMatchObject({ id, userName: body.userName, active: true, locale: "en-US" });
    for (const userName of [body.userName, body.userName.toUpperCase()]) {
      const found = await okta.get(`/Users?${oktaFilter(`userName eq "${userName}"`)}`);
      expect(found.status, found.text).toBe(200);
      expect(found.body, found.text).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
      expect(resources(found)[0]?.id, found.text).toBe(id);
    }
    await expectPasswordNotStored(dir.id);
  });

  test("the same userName again answers 409 uniqueness with an Error body, and the first user is unchanged", async () => {
    const body = oktaUserBody();
    const { id } = await createUser(okta, body);
    const before = await readUser(okta, id);
    const res = await okta.post("/Users", { ...oktaUserBody(), userName: body.userName, displayName: "Someone Else" });
    expect(res.status, res.text).toBe(409);
    expect(res.body, res.text).toMatchObject({ schemas: [ERROR_URN], status: "409", scimType: "uniqueness", detail: expect.any(String) });
    expect(await readUser(okta, id)).toEqual(before);
  });
});

test.describe("GET /scim/v2/{dir}/Users?startIndex=…&count=… (import)", () => {
  test("pages of integers cover every user once, in a stable order", async () => {
    for (let i = 0; i < 5; i++) await createUser(okta);
    const all = await okta.get("/Users?startIndex=1&count=100");
    expect(all.status, all.text).toBe(200);
    const total = all.body?.totalResults;
    expect(Number.isInteger(total), all.text).toBe(true);
    const expected = resources(all).map((u) => u.id);
    expect(expected.length).toBe(total);

    const paged: unknown[] = [];
    for (let start = 1; start <= Number(total); start += 2) {
      const page = await okta.get(`/Users?startIndex=${start}&count=2`);
      expect(page.status, page.text).toBe(200);
      for (const key of ["totalResults", "startIndex", "itemsPerPage"]) expect(Number.isInteger(page.body?.[key]), `${key}: ${page.text}`).toBe(true);
      expect(page.body, page.text).toMatchObject({ totalResults: total, startIndex: start });
      paged.push(...resources(page).map((u) => u.id));
    }
    expect(paged).toEqual(expected);
  });
});

test.describe("PUT /scim/v2/{dir}/Users/{id}", () => {
  test("Okta's profile update (id, meta and groups in the body) answers 200 and the new profile reads back", async () => {
    const { id, userName } = await createUser(okta);
    const res = await okta.put(`/Users/${id}`, {
      schemas: [USER_URN],
      id,
      userName,
      name: { givenName: "Another", middleName: "Excited", familyName: "User" },
      emails: [{ primary: true, value: userName, type: "work", display: userName }],
      active: true,
      groups: [],
      meta: { resourceType: "User" },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body?.name, res.text).toEqual({ givenName: "Another", middleName: "Excited", familyName: "User" });

    const read = await readUser(okta, id);
    expect(read).toMatchObject({ id, userName, active: true, name: { givenName: "Another", middleName: "Excited", familyName: "User" } });
    expect(read.emails).toEqual([{ primary: true, value: userName, type: "work", display: userName }]);
    // PUT replaces: what the new body left out (displayName, locale, externalId) is gone.
    expect(read.displayName, JSON.stringify(read)).toBeUndefined();
    expect(read.locale, JSON.stringify(read)).toBeUndefined();
  });

  test("an AIW app's PUT with the full user, the placeholder password and active false deactivates the user", async () => {
    const body = oktaUserBody();
    const { id } = await createUser(okta, body);
    const res = await okta.put(`/Users/${id}`, { ...body, id, active: false, meta: { resourceType: "User" } });
    expect(res.status, res.text).toBe(200);
    expect(res.body?.active, res.text).toBe(false);

    expect((await readUser(okta, id)).active).toBe(false);
    // A deactivated user is still there for Okta's import and matching.
    const found = await okta.get(`/Users?${oktaFilter(`userName eq "${body.userName}"`)}`);
    expect(resources(found).map((u) => [u.id, u.active]), found.text).toEqual([[id, false]]);

    const reactivated = await okta.put(`/Users/${id}`, { ...body, id, active: true });
    expect(reactivated.status, reactivated.text).toBe(200);
    expect((await readUser(okta, id)).active).toBe(true);
    await expectPasswordNotStored(dir.id);
  });

  test("a PUT that changes the id answers 400 mutability and changes nothing", async () => {
    const body = oktaUserBody();
    const { id } = await createUser(okta, body);
    const before = await readUser(okta, id);
    const res = await okta.put(`/Users/${id}`, { ...body, id: "23a35c27-23d3-4c03-b4c5-6443c09e7173", displayName: "Changed" });
    expect(res.status, res.text).toBe(400);
    expect(res.body, res.text).toMatchObject({ schemas: [ERROR_URN], scimType: "mutability" });
    expect(await readUser(okta, id)).toEqual(before);
  });
});

test.describe("PATCH /scim/v2/{dir}/Users/{id}", () => {
  test("the no-path replace {active: false} deactivates (200 with the user), and {active: true} reactivates", async () => {
    const body = oktaUserBody();
    const { id } = await createUser(okta, body);
    let res = await okta.patch(`/Users/${id}`, patchOp({ op: "replace", value: { active: false } }));
    expect(res.status, res.text).toBe(200);
    expect(res.body, res.text).toMatchObject({ id, userName: body.userName, active: false });
    expect((await readUser(okta, id)).active).toBe(false);
    const inactive = await okta.get(`/Users?${oktaFilter(`userName eq "${body.userName}" and active eq false`)}`);
    expect(resources(inactive).map((u) => u.id), inactive.text).toEqual([id]);

    res = await okta.patch(`/Users/${id}`, patchOp({ op: "replace", value: { active: true } }));
    expect(res.status, res.text).toBe(200);
    const read = await readUser(okta, id);
    expect(read).toMatchObject({ active: true, displayName: "Test User", name: { givenName: "Test", familyName: "User" } });
  });

  test("a password sync PATCH answers 200 without the password, and the user is otherwise unchanged", async () => {
    const { id } = await createUser(okta);
    const before = await readUser(okta, id);
    for (const op of [
      { op: "replace", value: { password: PLACEHOLDER_PASSWORD } },
      { op: "replace", path: "password", value: PLACEHOLDER_PASSWORD },
    ]) {
      const res = await okta.patch(`/Users/${id}`, patchOp(op));
      expect(res.status, res.text).toBe(200);
    }
    const after = await readUser(okta, id);
    expect({ ...after, meta: undefined }).toEqual({ ...before, meta: undefined });
    await expectPasswordNotStored(dir.id);
  });
});

test.describe("POST /scim/v2/{dir}/Groups (Group Push)", () => {
  test("a group with members: [] is created, found by a %20-encoded displayName filter, and read by id", async () => {
    const displayName = `Test SCIMv2 ${randomUUID()}`;
    const res = await okta.post("/Groups", { schemas: [GROUP_URN], displayName, members: [] });
    expect(res.status, res.text).toBe(201);
    const id = String(res.body?.id);
    expect(res.headers.get("location"), res.text).toBe(`${dir.scimBaseUrl}/Groups/${id}`);
    expect(res.body, res.text).toMatchObject({ schemas: [GROUP_URN], id, displayName });

    const found = await okta.get(`/Groups?${oktaFilter(`displayName eq "${displayName}"`)}`);
    expect(found.status, found.text).toBe(200);
    expect(found.body, found.text).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(resources(found)[0], found.text).toMatchObject({ id, displayName });
    expect(await readGroup(okta, id)).toEqual({ displayName, members: [] });
  });

  test("a group pushed with members in the POST has them at once, with Okta's display", async () => {
    const [a, b] = [await createUser(okta), await createUser(okta)];
    const displayName = `Test SCIMv2 ${randomUUID()}`;
    const res = await okta.post("/Groups", {
      schemas: [GROUP_URN],
      displayName,
      members: [{ value: a.id, display: a.userName }, { value: b.id, display: b.userName }],
    });
    expect(res.status, res.text).toBe(201);
    const id = String(res.body?.id);
    expect(((res.body?.members ?? []) as Member[]).map((m) => m.value).sort(), res.text).toEqual([a.id, b.id].sort());

    const group = await readGroup(okta, id);
    expect(group.members.map(({ value, display }) => ({ value, display }))).toEqual(
      [{ value: a.id, display: a.userName }, { value: b.id, display: b.userName }].sort((x, y) => x.value.localeCompare(y.value)),
    );
    const user = await readUser(okta, a.id);
    expect((user.groups as Member[] | undefined)?.map((g) => g.value), JSON.stringify(user)).toEqual([id]);
  });

  test("GET /Groups answers 200 within Okta's 600 ms", async () => {
    const started = Date.now();
    const res = await okta.get("/Groups");
    expect(res.status, res.text).toBe(200);
    expect(Date.now() - started).toBeLessThan(600);
  });
});

test.describe("PATCH /scim/v2/{dir}/Groups/{id} (Group Push)", () => {
  async function pushedGroup(members: { id: string; userName: string }[] = []) {
    const displayName = `Test SCIMv2 ${randomUUID()}`;
    const res = await okta.post("/Groups", { schemas: [GROUP_URN], displayName, members: members.map((m) => ({ value: m.id, display: m.userName })) });
    expect(res.status, res.text).toBe(201);
    return { id: String(res.body?.id), displayName };
  }

  test("the no-path rename that repeats the group's id answers 204 and the new name reads back, members kept", async () => {
    const a = await createUser(okta);
    const group = await pushedGroup([a]);
    const newName = `Test SCIMv2 renamed ${randomUUID()}`;
    const res = await okta.patch(`/Groups/${group.id}`, patchOp({ op: "replace", value: { id: group.id, displayName: newName } }));
    expect(res.status, res.text).toBe(204);

    const read = await readGroup(okta, group.id);
    expect(read.displayName).toBe(newName);
    expect(read.members.map((m) => m.value)).toEqual([a.id]);
    const byOld = await okta.get(`/Groups?${oktaFilter(`displayName eq "${group.displayName}"`)}`);
    expect(byOld.body?.totalResults, byOld.text).toBe(0);
    // Okta repeats the rename, unchanged, on every membership push.
    const again = await okta.patch(`/Groups/${group.id}`, patchOp({ op: "replace", value: { id: group.id, displayName: newName } }));
    expect(again.status, again.text).toBe(204);
    expect((await readGroup(okta, group.id)).displayName).toBe(newName);
  });

  test("remove by value filter and add with display in one request answers 204 and swaps the member", async () => {
    const [leaving, joining, staying] = [await createUser(okta), await createUser(okta), await createUser(okta)];
    const group = await pushedGroup([leaving, staying]);
    const res = await okta.patch(`/Groups/${group.id}`, patchOp(
      { op: "remove", path: `members[value eq "${leaving.id}"]` },
      { op: "add", path: "members", value: [{ value: joining.id, display: joining.userName }] },
    ));
    expect(res.status, res.text).toBe(204);

    const read = await readGroup(okta, group.id);
    expect(read.members.map((m) => m.value)).toEqual([joining.id, staying.id].sort());
    expect(read.members.find((m) => m.value === joining.id)?.display).toBe(joining.userName);
    const left = await readUser(okta, leaving.id);
    expect(left.groups ?? [], JSON.stringify(left)).toEqual([]);
  });

  test("the full push (replace members) answers 204 and leaves exactly the pushed members", async () => {
    const [a, b, c] = [await createUser(okta), await createUser(okta), await createUser(okta)];
    const group = await pushedGroup([a, b]);
    const res = await okta.patch(`/Groups/${group.id}`, patchOp({
      op: "replace",
      path: "members",
      value: [{ value: b.id, display: b.userName }, { value: c.id, display: c.userName }],
    }));
    expect(res.status, res.text).toBe(204);
    expect((await readGroup(okta, group.id)).members.map((m) => m.value)).toEqual([b.id, c.id].sort());

    // A push of nobody empties the group.
    const empty = await okta.patch(`/Groups/${group.id}`, patchOp({ op: "replace", path: "members", value: [] }));
    expect(empty.status, empty.text).toBe(204);
    expect((await readGroup(okta, group.id)).members).toEqual([]);
  });

  test("a rename with a different id in the value answers 400 mutability and renames nothing", async () => {
    const group = await pushedGroup();
    const res = await okta.patch(`/Groups/${group.id}`, patchOp({ op: "replace", value: { id: "abf4dd94-a4c0-4f67-89c9-76b03340cb9b", displayName: "Hijacked" } }));
    expect(res.status, res.text).toBe(400);
    expect(res.body, res.text).toMatchObject({ schemas: [ERROR_URN], scimType: "mutability" });
    expect((await readGroup(okta, group.id)).displayName).toBe(group.displayName);
  });
});

test.describe("PUT /scim/v2/{dir}/Groups/{id} (AIW apps)", () => {
  test("replaces the name and the members, and answers 200 with the group", async () => {
    const [a, b] = [await createUser(okta), await createUser(okta)];
    const created = await okta.post("/Groups", { schemas: [GROUP_URN], displayName: `Test SCIMv2 ${randomUUID()}`, members: [{ value: a.id, display: a.userName }] });
    expect(created.status, created.text).toBe(201);
    const id = String(created.body?.id);
    const displayName = `Test SCIMv2 AIW ${randomUUID()}`;
    const res = await okta.put(`/Groups/${id}`, { schemas: [GROUP_URN], displayName, members: [{ value: b.id, display: b.userName }] });
    expect(res.status, res.text).toBe(200);
    expect(res.body, res.text).toMatchObject({ id, displayName });

    const read = await readGroup(okta, id);
    expect(read.displayName).toBe(displayName);
    expect(read.members.map(({ value, display }) => ({ value, display }))).toEqual([{ value: b.id, display: b.userName }]);
  });
});

test.describe("DELETE /scim/v2/{dir}/Groups/{id}", () => {
  test("answers 204; the group is then 404 and its members remain as users without it", async () => {
    const a = await createUser(okta);
    const created = await okta.post("/Groups", { schemas: [GROUP_URN], displayName: `Test SCIMv2 ${randomUUID()}`, members: [{ value: a.id, display: a.userName }] });
    const id = String(created.body?.id);
    const res = await okta.delete(`/Groups/${id}`);
    expect(res.status, res.text).toBe(204);

    const gone = await okta.get(`/Groups/${id}`);
    expect(gone.status, gone.text).toBe(404);
    expect(gone.body, gone.text).toMatchObject({ schemas: [ERROR_URN], status: "404" });
    const user = await readUser(okta, a.id);
    expect(user.groups ?? [], JSON.stringify(user)).toEqual([]);
  });
});

test.describe("Authorization on /scim/v2/{dir}/Users", () => {
  test("Okta's `Authorization: non-token` answers 401 with a SCIM Error body", async () => {
    const res = await fetch(`${dir.scimBaseUrl}/Users`, { headers: { Authorization: "non-token", "User-Agent": "Okta SCIM Client 1.0.0" } });
    const text = await res.text();
    expect(res.status, text).toBe(401);
    expect(JSON.parse(text), text).toMatchObject({ schemas: [ERROR_URN], status: "401", detail: expect.any(String) });
  });
});
