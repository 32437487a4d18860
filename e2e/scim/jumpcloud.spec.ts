// JumpCloud's custom SCIM 2.0 connector, replayed as ../shared/scim/idp-payloads-onelogin-jumpcloud.md §2 publishes it:
// the connection test that creates and deletes a test user and group, the "sanitized real" create and PUT bodies
// (24-hex externalId, `tel:` numbers, the extension URN first, `addresses: []` and `emails: null` to clear), one PATCH
// replace per attribute, deprovisioning by `active: false`, groups looked up by name, pushed with members, changed by
// value-list add and remove (which must not empty the group), renamed and deleted. Each test reads back what JumpCloud
// would read.
import { randomBytes, randomUUID } from "node:crypto";
import { expect, test } from "../fixtures";
import { newDirectory, type Directory } from "../support/cli";
import { ENTERPRISE_URN, GROUP_URN, PATCH_URN, USER_URN, scimClient, type ScimResult } from "../support/scim";

type Json = Record<string, unknown>;
type Member = { value: string; display?: string };
type JumpCloud = ReturnType<typeof scimClient>;

/** JumpCloud's user ids are 24-hex object ids. */
const objectId = () => randomBytes(12).toString("hex");

/** SC-RUST's create body, with a fresh email (JumpCloud's default mapping puts it in userName and emails[0]). */
function createBody(email = `testuser.${randomUUID()}@example.io`) {
  return {
    active: true,
    addresses: [{ country: "US", locality: "locality", postalCode: "80027", primary: true, region: "region", streetAddress: "street-address", type: "work" }],
    displayName: "displayname",
    emails: [{ primary: true, type: "work", value: email }],
    externalId: objectId(),
    locale: "en-US",
    name: { familyName: "lastname", givenName: "firstname" },
    phoneNumbers: [{ primary: true, type: "work", value: "tel:+1-555-555-5555" }],
    preferredLanguage: "en-US",
    schemas: [USER_URN, ENTERPRISE_URN],
    userName: email,
  };
}

function patchOp(...operations: Json[]) {
  return { schemas: [PATCH_URN], Operations: operations };
}

function resources(res: ScimResult): Json[] {
  return (res.body?.Resources ?? []) as Json[];
}

const byUserName = (userName: string) => `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`;
const byDisplayName = (name: string) => `/Groups?filter=${encodeURIComponent(`displayName eq "${name}"`)}`;

async function readUser(jc: JumpCloud, id: string): Promise<Json> {
  const res = await jc.get(`/Users/${id}`);
  expect(res.status, res.text).toBe(200);
  return res.body!;
}

async function readGroup(jc: JumpCloud, id: string): Promise<{ displayName: unknown; members: string[] }> {
  const res = await jc.get(`/Groups/${id}`);
  expect(res.status, res.text).toBe(200);
  return { displayName: res.body?.displayName, members: ((res.body?.members ?? []) as Member[]).map((m) => m.value).sort() };
}

/** Binding a user to the app: a lookup by userName, then the create. */
async function bind(jc: JumpCloud, body = createBody()): Promise<{ id: string; userName: string; body: ReturnType<typeof createBody> }> {
  const found = await jc.get(byUserName(body.userName));
  expect(found.body?.totalResults, found.text).toBe(0);
  const res = await jc.post("/Users", body);
  expect(res.status, res.text).toBe(201);
  return { id: String(res.body?.id), userName: body.userName, body };
}

/** "Empty groups are not created" (JC-GROUPS): a lookup by name, then the create with its members. */
async function pushGroup(jc: JumpCloud, members: { id: string }[]): Promise<{ id: string; displayName: string }> {
  const displayName = `JumpCloud Group ${randomUUID()}`;
  const found = await jc.get(byDisplayName(displayName));
  expect(found.body?.totalResults, found.text).toBe(0);
  const res = await jc.post("/Groups", { schemas: [GROUP_URN], displayName, members: members.map((m) => ({ value: m.id })) });
  expect(res.status, res.text).toBe(201);
  return { id: String(res.body?.id), displayName };
}

let dir: Directory;
let jc: JumpCloud;

test.beforeAll(async () => {
  dir = newDirectory("jumpcloud");
  await new Promise((resolve) => setTimeout(resolve, 50)); // let the loop see sockets closed while the CLI blocked it
  jc = scimClient(dir, { contentType: "application/scim+json" });
});

test.describe("JumpCloud's connection test (JC-CUSTOM)", () => {
  test("Activate's GET /Users answers a 200 ListResponse; the test user and test group are created, then both DELETEs answer 204", async () => {
    const list = await jc.get("/Users");
    expect(list.status, list.text).toBe(200);
    expect(list.body?.schemas, list.text).toEqual(["urn:ietf:params:scim:api:messages:2.0:ListResponse"]);

    const user = await bind(jc);
    const group = await pushGroup(jc, [user]);
    expect(await readGroup(jc, group.id)).toEqual({ displayName: group.displayName, members: [user.id] });

    const deletedGroup = await jc.delete(`/Groups/${group.id}`);
    expect(deletedGroup.status, deletedGroup.text).toBe(204);
    const deletedUser = await jc.delete(`/Users/${user.id}`);
    expect(deletedUser.status, deletedUser.text).toBe(204);
    expect((await jc.get(`/Groups/${group.id}`)).status).toBe(404);
    expect((await jc.get(`/Users/${user.id}`)).status).toBe(404);
    expect((await jc.get(byUserName(user.userName))).body?.totalResults).toBe(0);
  });
});

test.describe("POST /scim/v2/{dir}/Users (binding users)", () => {
  test("SC-RUST's create answers 201 and reads back as sent: 24-hex externalId, tel: number, address", async () => {
    const { id, body } = await bind(jc);
    const read = await readUser(jc, id);
    expect(read).toMatchObject({
      id, userName: body.userName, externalId: body.externalId, active: true, displayName: "displayname", locale: "en-US",
      emails: body.emails, phoneNumbers: body.phoneNumbers, addresses: body.addresses, name: body.name,
    });
    const found = await jc.get(byUserName(body.userName));
    expect(resources(found).map((u) => u.id), found.text).toEqual([id]);
  });
});

test.describe("PATCH /scim/v2/{dir}/Users/{id} (one replace per attribute, PE-RUST)", () => {
  test("lower-case replace ops on name.givenName and name.familyName answer 200 and read back, the rest kept", async () => {
    const { id, body } = await bind(jc);
    const res = await jc.patch(`/Users/${id}`, patchOp(
      { op: "replace", path: "name.givenName", value: "John" },
      { op: "replace", path: "name.familyName", value: "Doe" },
    ));
    expect(res.status, res.text).toBe(200);
    expect(await readUser(jc, id)).toMatchObject({ name: { givenName: "John", familyName: "Doe" }, active: true, emails: body.emails, externalId: body.externalId });
  });

  test("deprovisioning, `active` replaced with a real false, reads back inactive and is still found by userName", async () => {
    const { id, userName } = await bind(jc);
    const res = await jc.patch(`/Users/${id}`, patchOp(
      { op: "replace", path: "name.givenName", value: "John" },
      { op: "replace", path: "active", value: false },
    ));
    expect(res.status, res.text).toBe(200);
    expect(await readUser(jc, id)).toMatchObject({ active: false, name: { givenName: "John" } });
    const found = await jc.get(byUserName(userName));
    expect(resources(found).map((u) => [u.id, u.active]), found.text).toEqual([[id, false]]);
  });
});

test.describe("PUT /scim/v2/{dir}/Users/{id} (SC-RUST's full and minimal PUT)", () => {
  test("the full PUT, extension URN first and id in the body, with addresses: [] and phoneNumbers: [] clears them", async () => {
    const { id } = await bind(jc);
    const email = `john.doe.${randomUUID()}@example.com`;
    const res = await jc.put(`/Users/${id}`, {
      active: true, addresses: [], displayName: "John Doe", emails: [{ primary: true, type: "work", value: email }],
      externalId: "664447f5c0c418f2d05e5318", id, locale: "en-US", name: { familyName: "Doe", givenName: "John" },
      phoneNumbers: [], photos: [{ value: "https://img.example.com/john.png" }], preferredLanguage: "en-US",
      schemas: [ENTERPRISE_URN, USER_URN], title: "Captain", [ENTERPRISE_URN]: { department: "C-Suite" }, userName: email,
    });
    expect(res.status, res.text).toBe(200);
    const read = await readUser(jc, id);
    expect(read).toMatchObject({
      userName: email, displayName: "John Doe", title: "Captain", externalId: "664447f5c0c418f2d05e5318",
      photos: [{ value: "https://img.example.com/john.png" }], [ENTERPRISE_URN]: { department: "C-Suite" },
    });
    expect(read.addresses ?? [], JSON.stringify(read)).toEqual([]);
    expect(read.phoneNumbers ?? [], JSON.stringify(read)).toEqual([]);
  });

  test("the minimal PUT with emails: null and no externalId leaves neither behind", async () => {
    const { id, userName } = await bind(jc);
    const res = await jc.put(`/Users/${id}`, {
      active: true, emails: null, id, name: { familyName: "lastname", givenName: "firstname" }, schemas: [USER_URN], userName,
    });
    expect(res.status, res.text).toBe(200);
    const read = await readUser(jc, id);
    expect(read).toMatchObject({ userName, active: true, name: { familyName: "lastname", givenName: "firstname" } });
    expect(read.emails, JSON.stringify(read)).toBeUndefined();
    expect(read.externalId, JSON.stringify(read)).toBeUndefined();
  });

  test("an email change arrives as a userName change, and the lookup follows it", async () => {
    const { id, body } = await bind(jc);
    const email = `renamed.${randomUUID()}@example.io`;
    const res = await jc.put(`/Users/${id}`, { ...body, id, userName: email, emails: [{ primary: true, type: "work", value: email }] });
    expect(res.status, res.text).toBe(200);
    expect((await jc.get(byUserName(body.userName))).body?.totalResults).toBe(0);
    expect(resources(await jc.get(byUserName(email))).map((u) => u.id)).toEqual([id]);
  });
});

test.describe("DELETE /scim/v2/{dir}/Users/{id} (user_delete_provision)", () => {
  test("answers 204, the user is 404, and the groups it was in no longer list it", async () => {
    const [a, b] = [await bind(jc), await bind(jc)];
    const group = await pushGroup(jc, [a, b]);
    const res = await jc.delete(`/Users/${a.id}`);
    expect(res.status, res.text).toBe(204);
    expect((await jc.get(`/Users/${a.id}`)).status).toBe(404);
    expect((await readGroup(jc, group.id)).members).toEqual([b.id]);
  });
});

test.describe("Groups (JC-GROUPS): pushed with members, changed by value lists, renamed", () => {
  test("a group pushed with members has them, and each member lists the group", async () => {
    const [a, b] = [await bind(jc), await bind(jc)];
    const group = await pushGroup(jc, [a, b]);
    expect(await readGroup(jc, group.id)).toEqual({ displayName: group.displayName, members: [a.id, b.id].sort() });
    const found = await jc.get(byDisplayName(group.displayName));
    expect(resources(found).map((g) => g.id), found.text).toEqual([group.id]);
    expect(((await readUser(jc, b.id)).groups as Member[]).map((g) => g.value)).toEqual([group.id]);
  });

  test("add by a value list of bare {value}, then remove by a value list without a filter: only that member leaves", async () => {
    const [a, b, c] = [await bind(jc), await bind(jc), await bind(jc)];
    const group = await pushGroup(jc, [a]);
    const added = await jc.patch(`/Groups/${group.id}`, patchOp({ op: "add", path: "members", value: [{ value: b.id }, { value: c.id }] }));
    expect(added.status, added.text).toBe(204);
    expect((await readGroup(jc, group.id)).members).toEqual([a.id, b.id, c.id].sort());

    // RFC 7644 §3.5.2.2 read to the letter would empty the group here (idp-payloads-onelogin-jumpcloud.md §2.4).
    const removed = await jc.patch(`/Groups/${group.id}`, patchOp({ op: "remove", path: "members", value: [{ value: b.id }] }));
    expect(removed.status, removed.text).toBe(204);
    expect((await readGroup(jc, group.id)).members).toEqual([a.id, c.id].sort());
    expect((await readUser(jc, b.id)).groups ?? []).toEqual([]);
  });

  test("a rename by PATCH replace displayName reads back, the old name finds nothing, and the members stay", async () => {
    const a = await bind(jc);
    const group = await pushGroup(jc, [a]);
    const newName = `JumpCloud Renamed ${randomUUID()}`;
    const res = await jc.patch(`/Groups/${group.id}`, patchOp({ op: "replace", path: "displayName", value: newName }));
    expect(res.status, res.text).toBe(204);
    expect(await readGroup(jc, group.id)).toEqual({ displayName: newName, members: [a.id] });
    expect((await jc.get(byDisplayName(group.displayName))).body?.totalResults).toBe(0);
  });

  test("a managed group deleted in JumpCloud answers 204, and its members remain as users without it", async () => {
    const a = await bind(jc);
    const group = await pushGroup(jc, [a]);
    const res = await jc.delete(`/Groups/${group.id}`);
    expect(res.status, res.text).toBe(204);
    expect((await jc.get(`/Groups/${group.id}`)).status).toBe(404);
    expect((await readUser(jc, a.id)).groups ?? []).toEqual([]);
  });
});
