// OneLogin's "SCIM Provisioner with SAML (SCIM v2 Enterprise)" traffic, replayed as
// ../shared/scim/idp-payloads-onelogin-jumpcloud.md §1 publishes it: the pre-RFC schema URNs of its template, `emails` as
// one object (its documented template), `+` for spaces and a bare `&` or `?` ending the request line, no User-Agent,
// users updated, suspended and reactivated by PUT, groups found by a plain GET /Groups and changed by PATCH, one member
// per request. Each test reads back what OneLogin would read.
import { randomUUID } from "node:crypto";
import { expect, test } from "../fixtures";
import { newDirectory, type Directory } from "../support/cli";
import { GROUP_URN, PATCH_URN, USER_URN, scimClient, type ScimResult } from "../support/scim";

type Json = Record<string, unknown>;
type Member = { value: string; display?: string };

const LIST_RESPONSE_URN = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const ENTERPRISE_URN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
/** What OneLogin's v2 Enterprise template puts in `schemas` (authentik #11249), and the extension's key. */
const ONELOGIN_CORE = "urn:scim:schemas:core:2.0";
const ONELOGIN_ENTERPRISE = "urn:scim:schemas:extension:enterprise:2.0";

/** OneLogin sends no User-Agent (AK-11249) and application/scim+json bodies. */
function oneLoginClient(dir: Pick<Directory, "scimBaseUrl" | "token">) {
  const scim = scimClient(dir);
  const headers = { "User-Agent": "" };
  return {
    get: (path: string) => scim.get(path, headers),
    post: (path: string, body: unknown) => scim.post(path, body, headers),
    put: (path: string, body: unknown) => scim.put(path, body, headers),
    patch: (path: string, body: unknown) => scim.patch(path, body, headers),
    delete: (path: string) => scim.delete(path, headers),
  };
}
type OneLogin = ReturnType<typeof oneLoginClient>;

/** The SCIM JSON Template as OneLogin fills it in: `userName` is `{$parameters.scimusername}`, not an email. */
function templateBody(userName: string, changes: { givenName?: string; familyName?: string; title?: string; department?: string; active?: boolean } = {}) {
  return {
    schemas: [ONELOGIN_CORE, ONELOGIN_ENTERPRISE],
    userName,
    name: { familyName: changes.familyName ?? " User 01", givenName: changes.givenName ?? "AAA Test", formatted: "AAA Test User 01" },
    emails: { value: `${userName}@onelogin.example.com`, type: "work", primary: true },
    title: changes.title ?? "Engineer",
    ...(changes.active !== undefined && { active: changes.active }),
    [ONELOGIN_ENTERPRISE]: { department: changes.department ?? "R&D", manager: { value: "mgr-1", displayName: "Mia Manager" } },
  };
}

/** OneLogin's lookup: `+` for spaces, %22 quotes, and a bare `&` at the end (AK-11249). */
function lookup(userName: string) {
  return `/Users?filter=userName+eq+%22${encodeURIComponent(userName)}%22&`;
}

function resources(res: ScimResult): Json[] {
  return (res.body?.Resources ?? []) as Json[];
}

async function readUser(ol: OneLogin, id: string): Promise<Json> {
  const res = await ol.get(`/Users/${id}`);
  expect(res.status, res.text).toBe(200);
  return res.body!;
}

async function readGroup(ol: OneLogin, id: string): Promise<{ displayName: unknown; members: string[] }> {
  const res = await ol.get(`/Groups/${id}`);
  expect(res.status, res.text).toBe(200);
  return { displayName: res.body?.displayName, members: ((res.body?.members ?? []) as Member[]).map((m) => m.value).sort() };
}

/** Provisioning one assigned user: look up by userName, then create from the template. */
async function provision(ol: OneLogin, userName = `onelogin-${randomUUID()}`): Promise<{ id: string; userName: string }> {
  const found = await ol.get(lookup(userName));
  expect(found.status, found.text).toBe(200);
  expect(found.body?.totalResults, found.text).toBe(0);
  const res = await ol.post("/Users", templateBody(userName));
  expect(res.status, res.text).toBe(201);
  return { id: String(res.body?.id), userName };
}

function patchOp(...operations: Json[]) {
  return { schemas: [PATCH_URN], Operations: operations };
}

let dir: Directory;
let ol: OneLogin;

test.beforeAll(async () => {
  dir = newDirectory("onelogin");
  await new Promise((resolve) => setTimeout(resolve, 50)); // let the loop see sockets closed while the CLI blocked it
  ol = oneLoginClient(dir);
});

test.describe("GET /scim/v2/{dir}/Users?filter=userName+eq+… (OneLogin's connection test)", () => {
  test("a userName OneLogin knows is not there answers 200 with an empty ListResponse", async () => {
    const res = await ol.get(lookup(`onelogin-nonexistent-${randomUUID()}`));
    expect(res.status, res.text).toBe(200);
    expect(res.body, res.text).toEqual({ schemas: [LIST_RESPONSE_URN], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
  });
});

test.describe("POST /scim/v2/{dir}/Users (first sync, SCIM v2 Enterprise template)", () => {
  test("the pre-RFC URNs and a single `emails` object create the user, answered and read back under the RFC names", async () => {
    const userName = `onelogin-${randomUUID()}`;
    const res = await ol.post("/Users", templateBody(userName));
    expect(res.status, res.text).toBe(201);
    const id = String(res.body?.id);
    expect(res.body, res.text).toMatchObject({
      schemas: [USER_URN, ENTERPRISE_URN],
      id,
      userName,
      name: { familyName: " User 01", givenName: "AAA Test" },
      emails: [{ value: `${userName}@onelogin.example.com`, type: "work", primary: true }],
      title: "Engineer",
      active: true,
      [ENTERPRISE_URN]: { department: "R&D", manager: { value: "mgr-1", displayName: "Mia Manager" } },
    });
    expect(res.text, "a response names a pre-RFC URN").not.toContain("urn:scim:schemas");

    const found = await ol.get(lookup(userName));
    expect(found.status, found.text).toBe(200);
    expect(resources(found).map((u) => u.id), found.text).toEqual([id]);
    expect(await readUser(ol, id)).toMatchObject({ schemas: [USER_URN, ENTERPRISE_URN], userName, [ENTERPRISE_URN]: { department: "R&D" } });
  });

  test("several assigned users: each lookup finds nothing, each create answers 201, and each lookup then finds its own", async () => {
    const users = [await provision(ol), await provision(ol), await provision(ol)];
    for (const u of users) {
      const found = await ol.get(lookup(u.userName));
      expect(resources(found).map((r) => r.id), found.text).toEqual([u.id]);
    }
  });

  test("the same userName again answers 409 uniqueness, so OneLogin's retry cannot duplicate anyone", async () => {
    const { userName } = await provision(ol);
    const res = await ol.post("/Users", templateBody(userName));
    expect(res.status, res.text).toBe(409);
    expect(res.body, res.text).toMatchObject({ scimType: "uniqueness" });
  });
});

test.describe("PUT /scim/v2/{dir}/Users/{id}? (OneLogin's only user update)", () => {
  test("a profile change with the whole template and the pre-RFC URNs answers 200 and reads back", async () => {
    const { id, userName } = await provision(ol);
    const res = await ol.put(`/Users/${id}?`, templateBody(userName, { givenName: "Bea", familyName: "Baker", title: "Manager", department: "Sales" }));
    expect(res.status, res.text).toBe(200);
    expect(res.body?.schemas, res.text).toEqual([USER_URN, ENTERPRISE_URN]);
    const read = await readUser(ol, id);
    expect(read).toMatchObject({ userName, name: { givenName: "Bea", familyName: "Baker" }, title: "Manager", [ENTERPRISE_URN]: { department: "Sales" } });
    expect(read[ONELOGIN_ENTERPRISE], JSON.stringify(read)).toBeUndefined();
  });

  test("suspend is a PUT with active false, and unsuspend a PUT with active true", async () => {
    const { id, userName } = await provision(ol);
    const suspended = await ol.put(`/Users/${id}?`, templateBody(userName, { active: false }));
    expect(suspended.status, suspended.text).toBe(200);
    expect((await readUser(ol, id)).active).toBe(false);
    const found = await ol.get(lookup(userName));
    expect(resources(found).map((u) => [u.id, u.active]), found.text).toEqual([[id, false]]);

    const back = await ol.put(`/Users/${id}?`, templateBody(userName, { active: true }));
    expect(back.status, back.text).toBe(200);
    expect((await readUser(ol, id)).active).toBe(true);
  });
});

test.describe("DELETE /scim/v2/{dir}/Users/{id} (\"Delete\" when users are deleted in OneLogin)", () => {
  test("answers 204; the user is then 404 and no lookup finds it", async () => {
    const { id, userName } = await provision(ol);
    const res = await ol.delete(`/Users/${id}`);
    expect(res.status, res.text).toBe(204);
    const gone = await ol.get(`/Users/${id}`);
    expect(gone.status, gone.text).toBe(404);
    expect((await ol.get(lookup(userName))).body?.totalResults).toBe(0);
  });
});

test.describe("Groups from OneLogin roles: GET /Groups, POST /Groups, PATCH /Groups/{id}?", () => {
  test("a group is pushed by displayName alone, found in the plain GET /Groups, and members arrive one per PATCH", async () => {
    const [a, b] = [await provision(ol), await provision(ol)];
    const displayName = `OneLogin Role ${randomUUID()}`;
    const created = await ol.post("/Groups", { schemas: [GROUP_URN], displayName });
    expect(created.status, created.text).toBe(201);
    const id = String(created.body?.id);
    expect(created.body, created.text).toMatchObject({ id, displayName });

    const all = await ol.get("/Groups");
    expect(all.status, all.text).toBe(200);
    expect(resources(all).find((g) => g.id === id), all.text).toMatchObject({ displayName });

    for (const member of [a, b]) {
      // 165 bytes on the wire in AK-11249: one member, no display.
      const res = await ol.patch(`/Groups/${id}?`, patchOp({ op: "add", path: "members", value: [{ value: member.id }] }));
      expect(res.status, res.text).toBe(204);
    }
    expect(await readGroup(ol, id)).toEqual({ displayName, members: [a.id, b.id].sort() });
    const user = await readUser(ol, a.id);
    expect((user.groups as Member[]).map((g) => g.value), JSON.stringify(user)).toEqual([id]);
  });

  test("removing a member by a value list (authentik #15212's form) takes out that member only", async () => {
    const [a, b] = [await provision(ol), await provision(ol)];
    const created = await ol.post("/Groups", { schemas: [GROUP_URN], displayName: `OneLogin Role ${randomUUID()}` });
    const id = String(created.body?.id);
    await ol.patch(`/Groups/${id}?`, patchOp({ op: "Add", path: "members", value: [{ value: a.id }, { value: b.id }] }));
    const res = await ol.patch(`/Groups/${id}?`, patchOp({ op: "remove", path: "members", value: [{ value: a.id }] }));
    expect(res.status, res.text).toBe(204);
    expect((await readGroup(ol, id)).members).toEqual([b.id]);
    expect((await readUser(ol, a.id)).groups ?? []).toEqual([]);
  });

  test("a rename by PATCH replace displayName reads back, with the members kept", async () => {
    const a = await provision(ol);
    const created = await ol.post("/Groups", { schemas: [GROUP_URN], displayName: `OneLogin Role ${randomUUID()}` });
    const id = String(created.body?.id);
    await ol.patch(`/Groups/${id}?`, patchOp({ op: "add", path: "members", value: [{ value: a.id }] }));
    const newName = `OneLogin Renamed ${randomUUID()}`;
    const res = await ol.patch(`/Groups/${id}?`, patchOp({ op: "replace", path: "displayName", value: newName }));
    expect(res.status, res.text).toBe(204);
    expect(await readGroup(ol, id)).toEqual({ displayName: newName, members: [a.id] });
  });
});
