// Microsoft Entra ID's provisioning traffic, replayed as ../shared/scim/idp-payloads.md §1 publishes it: capitalised
// ops, "True"/"False" strings, unquoted filter values, `+` for spaces, excludedAttributes=members, the enterprise
// extension with a manager, `emails[type eq "work"].value` paths. Every test ends by reading back what Entra would read.
import { randomUUID } from "node:crypto";
import { expect, test } from "../fixtures";
import { newDirectory, type Directory } from "../support/cli";
import { ENTERPRISE_URN, GROUP_URN, PATCH_URN, USER_URN, scimClient, type ScimResult } from "../support/scim";

type Json = Record<string, unknown>;
type Member = { value: string; display?: string };
type Scim = ReturnType<typeof scimClient>;

const LIST_RESPONSE_URN = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error";
const MS_GROUP_URN = "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group";

/**
 * The CLI helpers run with spawnSync, which blocks this process for seconds. Meanwhile the app closes idle keep-alive
 * sockets (Node's 5 s keepAliveTimeout); a request sent before the event loop has seen those closes reuses a dead
 * socket and fails with "other side closed". Letting the loop turn once first makes fetch open a fresh connection.
 */
async function afterBlockingCli<T>(result: T): Promise<T> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  return result;
}

/** The SCIM Validator form-encodes filters: `+` for spaces, `%40` for `@` (idp-payloads.md §1.2, Q&A 2238842). */
function formEncoded(filter: string): string {
  return encodeURIComponent(filter).replace(/%20/g, "+");
}

function patchOp(...operations: Json[]) {
  return { schemas: [PATCH_URN], Operations: operations };
}

/** MS-TUT §1.3 "create user", with the example's GUIDs replaced by fresh ones so that tests don't collide. */
function entraUserBody(userName = `Test_User_${randomUUID()}`) {
  return {
    schemas: [USER_URN, ENTERPRISE_URN],
    externalId: randomUUID(),
    userName,
    active: true,
    emails: [{ primary: true, type: "work", value: `Test_User_${randomUUID()}@testuser.com` }],
    meta: { resourceType: "User" },
    name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" },
    roles: [],
  };
}

/** MS-TUT §1.6 "create group": the Microsoft-specific URN, a client `meta`, and no `members` key. */
function entraGroupBody(displayName = `displayName ${randomUUID()}`) {
  return { schemas: [GROUP_URN, MS_GROUP_URN], externalId: randomUUID(), displayName, meta: { resourceType: "Group" } };
}

async function createUser(scim: Scim, body: Json = entraUserBody()): Promise<string> {
  const res = await scim.post("/Users", body);
  expect(res.status, res.text).toBe(201);
  return String(res.body?.id);
}

async function createGroup(scim: Scim, body: Json = entraGroupBody()): Promise<string> {
  const res = await scim.post("/Groups", body);
  expect(res.status, res.text).toBe(201);
  return String(res.body?.id);
}

async function readUser(scim: Scim, id: string): Promise<Json> {
  const res = await scim.get(`/Users/${id}`);
  expect(res.status, res.text).toBe(200);
  return res.body!;
}

/** What Entra reads back after a membership PATCH: the group with its members, sorted ids. */
async function memberIds(scim: Scim, groupId: string): Promise<string[]> {
  const res = await scim.get(`/Groups/${groupId}`);
  expect(res.status, res.text).toBe(200);
  return ((res.body?.members ?? []) as Member[]).map((m) => m.value).sort();
}

function resources(res: ScimResult): Json[] {
  return (res.body?.Resources ?? []) as Json[];
}

function expectEmptyListResponse(res: ScimResult) {
  expect(res.status, res.text).toBe(200);
  expect(res.headers.get("content-type"), res.text).toMatch(/^application\/scim\+json/);
  expect(res.body, res.text).toMatchObject({ schemas: [LIST_RESPONSE_URN], totalResults: 0, Resources: [], startIndex: 1 });
  expect(Number.isInteger(res.body?.itemsPerPage), res.text).toBe(true);
}

function expectScimError(res: ScimResult, status: number) {
  expect(res.status, res.text).toBe(status);
  expect(res.body, res.text).toMatchObject({ schemas: [ERROR_URN], status: String(status) });
}

let dir: Directory;
let scim: Scim;

test.beforeAll(async () => {
  dir = await afterBlockingCli(newDirectory("entra"));
  scim = scimClient(dir);
});

test.describe("GET /scim/v2/{dir}/Users?filter=… (Test Connection)", () => {
  test("a userName filter on a random GUID, form-encoded with +, answers 200 with an empty ListResponse", async () => {
    const res = await scim.get(`/Users?filter=${formEncoded(`userName eq "Test_User_${randomUUID()}"`)}`);
    expectEmptyListResponse(res);
  });

  test("an unquoted externalId filter on a random GUID answers 200 with an empty ListResponse", async () => {
    // MS-TUT "Example 1" leaves the value unquoted: `filter=externalId eq jyoung`.
    const res = await scim.get(`/Users?filter=${formEncoded(`externalId eq ${randomUUID()}`)}`);
    expectEmptyListResponse(res);
  });

  test("a %20-encoded filter with the Tenant URL's aadOptscim062020 flag also answers an empty ListResponse", async () => {
    const res = await scim.get(`/Users?aadOptscim062020&filter=${encodeURIComponent(`userName eq "non-existent user ${randomUUID()}"`)}`);
    expectEmptyListResponse(res);
  });

  test("a group displayName filter with excludedAttributes=members answers 200 with an empty ListResponse", async () => {
    const res = await scim.get(`/Groups?excludedAttributes=members&filter=${formEncoded(`displayName eq "${randomUUID()}"`)}`);
    expectEmptyListResponse(res);
  });

  test("GET of a user id that doesn't exist answers 404 with a SCIM error body", async () => {
    expectScimError(await scim.get("/Users/5171a35d82074e068ce2"), 404);
  });
});

test.describe("POST /scim/v2/{dir}/Users (first sync)", () => {
  test("Entra's matching query finds nothing, the POST creates the user, and every matching query then finds it", async () => {
    const body = entraUserBody();
    expectEmptyListResponse(await scim.get(`/Users?filter=${formEncoded(`userName eq "${body.userName}"`)}`));

    const created = await scim.post("/Users", body);
    expect(created.status, created.text).toBe(201);
    const id = String(created.body?.id);
    expect(id, created.text).toMatch(/\S/);
    expect(created.headers.get("location"), created.text).toBe(`${dir.scimBaseUrl}/Users/${id}`);
    expect(created.headers.get("etag"), created.text).toMatch(/^W\/".+"$/);
    expect(created.headers.get("content-type"), created.text).toMatch(/^application\/scim\+json/);
    expect(created.body?.meta, created.text).toMatchObject({ resourceType: "User", created: expect.any(String), lastModified: expect.any(String) });

    // Entra reads by id, and matches by userName (any case) and by externalId (unquoted).
    const read = await readUser(scim, id);
    expect(read).toMatchObject({
      id,
      userName: body.userName,
      externalId: body.externalId,
      active: true,
      emails: [{ primary: true, type: "work", value: body.emails[0]!.value }],
      name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" },
    });
    for (const filter of [
      `userName eq "${body.userName}"`,
      `userName eq "${body.userName.toUpperCase()}"`,
      `externalId eq ${body.externalId}`,
      `emails[type eq "work"].value eq "${body.emails[0]!.value}"`,
    ]) {
      const found = await scim.get(`/Users?filter=${formEncoded(filter)}`);
      expect(found.status, found.text).toBe(200);
      expect(found.body?.totalResults, `${filter}\n${found.text}`).toBe(1);
      expect(resources(found)[0]?.id, found.text).toBe(id);
    }
  });

  test("MS-TUT Example 2 (null attributes, a malformed enterprise URN) is created and stored as sent", async () => {
    const userName = `jyoung.${randomUUID()}@testuser.com`;
    const externalId = `jyoung${randomUUID().slice(0, 8)}`;
    const created = await scim.post("/Users", {
      schemas: [USER_URN, "urn:ietf:params:scim:schemas:extension:enterprise:2.0User"],
      externalId,
      userName,
      active: true,
      addresses: null,
      displayName: "Joy Young",
      emails: [{ type: "work", value: "jyoung@Contoso.com", primary: true }],
      meta: { resourceType: "User" },
      name: { familyName: "Young", givenName: "Joy" },
      phoneNumbers: null,
      preferredLanguage: null,
      title: null,
      department: null,
      manager: null,
    });
    expect(created.status, created.text).toBe(201);
    const read = await readUser(scim, String(created.body?.id));
    // Microsoft: values are stored exactly as sent, no reformatting (the mixed-case email stays mixed-case).
    expect(read).toMatchObject({ userName, externalId, displayName: "Joy Young", active: true, name: { familyName: "Young", givenName: "Joy" } });
    expect(read.emails).toEqual([{ type: "work", value: "jyoung@Contoso.com", primary: true }]);
    for (const absent of ["addresses", "phoneNumbers", "preferredLanguage", "title"]) expect(read[absent], JSON.stringify(read)).toBeUndefined();

    const byExternalId = await scim.get(`/Users?filter=${formEncoded(`externalId eq ${externalId}`)}`);
    expect(byExternalId.body?.totalResults, byExternalId.text).toBe(1);
  });

  test("the validator's create body (active \"True\", roles with primary \"True\", enterprise manager) reads back with booleans", async () => {
    const managerId = await createUser(scim);
    const userName = `validator.${randomUUID()}@example.com`;
    const created = await scim.post("/Users", {
      schemas: [USER_URN, ENTERPRISE_URN],
      userName,
      active: "True",
      displayName: "Validator User",
      emails: [{ type: "work", value: userName, primary: "True" }],
      roles: [{ primary: "True", display: "Reader", value: "reader", type: "WindowsAzureActiveDirectoryRole" }],
      [ENTERPRISE_URN]: { employeeNumber: "701984", department: "Tour Operations", manager: { value: managerId } },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body?.active, created.text).toBe(true);

    const read = await readUser(scim, String(created.body?.id));
    expect(read.active).toBe(true);
    expect(read.emails).toEqual([{ type: "work", value: userName, primary: true }]);
    expect(read.roles).toEqual([{ primary: true, display: "Reader", value: "reader", type: "WindowsAzureActiveDirectoryRole" }]);
    expect(read[ENTERPRISE_URN]).toMatchObject({ employeeNumber: "701984", department: "Tour Operations", manager: { value: managerId } });
    expect(read.schemas).toContain(ENTERPRISE_URN);
  });

  test("a duplicate userName answers 409 uniqueness and leaves one user", async () => {
    const body = entraUserBody();
    await createUser(scim, body);
    const duplicate = await scim.post("/Users", { ...entraUserBody(), userName: body.userName.toLowerCase() });
    expectScimError(duplicate, 409);
    expect(duplicate.body?.scimType, duplicate.text).toBe("uniqueness");
    const found = await scim.get(`/Users?filter=${formEncoded(`userName eq "${body.userName}"`)}`);
    expect(found.body?.totalResults, found.text).toBe(1);
  });
});

test.describe("PATCH /scim/v2/{dir}/Users/{id} (attribute updates)", () => {
  test("MS-TUT's emails[type eq \"work\"].value and name.familyName replace answers 200 and reads back", async () => {
    const body = entraUserBody();
    const id = await createUser(scim, body);
    const res = await scim.patch(`/Users/${id}`, patchOp(
      { op: "Replace", path: 'emails[type eq "work"].value', value: "updatedEmail@microsoft.com" },
      { op: "Replace", path: "name.familyName", value: "updatedFamilyName" },
    ));
    expect(res.status, res.text).toBe(200);
    expect(res.body?.id, res.text).toBe(id);

    const read = await readUser(scim, id);
    expect(read.emails).toEqual([{ primary: true, type: "work", value: "updatedEmail@microsoft.com" }]);
    expect(read.name).toEqual({ formatted: "givenName familyName", familyName: "updatedFamilyName", givenName: "givenName" });
    const byEmail = await scim.get(`/Users?filter=${formEncoded('emails[type eq "work"].value eq "updatedEmail@microsoft.com"')}`);
    expect(resources(byEmail).map((u) => u.id), byEmail.text).toContain(id);
  });

  test("a userName replace answers 200; the new userName matches and the old one no longer does", async () => {
    const body = entraUserBody();
    const id = await createUser(scim, body);
    const newUserName = `${randomUUID()}@testuser.com`;
    const res = await scim.patch(`/Users/${id}`, patchOp({ op: "Replace", path: "userName", value: newUserName }));
    expect(res.status, res.text).toBe(200);
    expect(res.body?.userName, res.text).toBe(newUserName);

    expect((await readUser(scim, id)).userName).toBe(newUserName);
    const byNew = await scim.get(`/Users?filter=${formEncoded(`userName eq "${newUserName}"`)}`);
    expect(resources(byNew).map((u) => u.id), byNew.text).toEqual([id]);
    expectEmptyListResponse(await scim.get(`/Users?filter=${formEncoded(`userName eq "${body.userName}"`)}`));
  });

  test("a userName replace onto another user's userName (any case) answers 409 uniqueness and changes neither user", async () => {
    const [first, second] = [entraUserBody(), entraUserBody()];
    const [firstId, secondId] = [await createUser(scim, first), await createUser(scim, second)];
    const res = await scim.patch(`/Users/${secondId}`, patchOp({ op: "Replace", path: "userName", value: first.userName.toUpperCase() }));
    expectScimError(res, 409);
    expect(res.body?.scimType, res.text).toBe("uniqueness");
    expect((await readUser(scim, firstId)).userName).toBe(first.userName);
    expect((await readUser(scim, secondId)).userName).toBe(second.userName);
  });

  test("\"replace several attributes\" without the flag (one Replace per attribute) reads back every attribute", async () => {
    const id = await createUser(scim);
    const res = await scim.patch(`/Users/${id}`, patchOp(
      { op: "Replace", path: "displayName", value: "Pvlo" },
      { op: "Replace", path: 'emails[type eq "work"].value', value: "TestBcwqnm@test.microsoft.com" },
      { op: "Replace", path: "name.givenName", value: "Gtfd" },
      { op: "Replace", path: "name.familyName", value: "Pkqf" },
      { op: "Replace", path: "externalId", value: "Eqpj" },
      { op: "Replace", path: `${ENTERPRISE_URN}:employeeNumber`, value: "Eqpj" },
    ));
    expect(res.status, res.text).toBe(200);

    const read = await readUser(scim, id);
    expect(read).toMatchObject({ displayName: "Pvlo", externalId: "Eqpj", name: { givenName: "Gtfd", familyName: "Pkqf" } });
    expect(read.emails).toEqual([{ primary: true, type: "work", value: "TestBcwqnm@test.microsoft.com" }]);
    expect(read[ENTERPRISE_URN]).toEqual({ employeeNumber: "Eqpj" });
  });

  test("\"replace several attributes\" with aadOptscim062020 (no-path value with dotted and URN keys) reads back every attribute", async () => {
    const id = await createUser(scim);
    const res = await scim.patch(`/Users/${id}?aadOptscim062020`, patchOp(
      { op: "replace", path: 'emails[type eq "work"].value', value: "TestMhvaes@test.microsoft.com" },
      {
        op: "replace",
        value: {
          displayName: "Bjfe",
          "name.givenName": "Kkom",
          "name.familyName": "Unua",
          [`${ENTERPRISE_URN}:employeeNumber`]: "Aklq",
        },
      },
    ));
    expect(res.status, res.text).toBe(200);

    const read = await readUser(scim, id);
    expect(read).toMatchObject({ displayName: "Bjfe", name: { givenName: "Kkom", familyName: "Unua", formatted: "givenName familyName" } });
    expect(read.emails).toEqual([{ primary: true, type: "work", value: "TestMhvaes@test.microsoft.com" }]);
    expect(read[ENTERPRISE_URN]).toEqual({ employeeNumber: "Aklq" });
    // Neither the dotted nor the URN key is stored as a literal attribute name.
    expect(Object.keys(read).filter((k) => k.startsWith("name.") || k.startsWith(`${ENTERPRISE_URN}:`)), JSON.stringify(read)).toEqual([]);
  });

  test("Add of a single-valued string (nickName \"Babs\") reads back, with or without the flag's lower-case op", async () => {
    const id = await createUser(scim);
    let res = await scim.patch(`/Users/${id}`, patchOp({ op: "Add", path: "nickName", value: "Babs" }));
    expect(res.status, res.text).toBe(200);
    expect((await readUser(scim, id)).nickName).toBe("Babs");
    res = await scim.patch(`/Users/${id}`, patchOp({ op: "add", path: "nickName", value: "Barbara" }));
    expect(res.status, res.text).toBe(200);
    expect((await readUser(scim, id)).nickName).toBe("Barbara");
  });

  test("a manager is added (Example 5), checked with Entra's reference query, changed, and removed with an empty value", async () => {
    const [managerId, otherManagerId, id] = [await createUser(scim), await createUser(scim), await createUser(scim)];
    const add = await scim.patch(`/Users/${id}`, patchOp({
      op: "Add",
      path: "manager",
      value: [{ $ref: `${dir.scimBaseUrl}/Users/${managerId}`, value: managerId }],
    }));
    expect(add.status, add.text).toBe(200);
    expect(((await readUser(scim, id))[ENTERPRISE_URN] as Json | undefined)?.manager, "manager after Add").toMatchObject({ value: managerId });

    // MS-OLD: before a manager update Entra checks the reference with unquoted values and attributes=id.
    const check = await scim.get(`/Users?filter=${encodeURIComponent(`id eq ${id} and manager eq ${managerId}`)}&attributes=id`);
    expect(check.status, check.text).toBe(200);
    expect(check.body?.totalResults, check.text).toBe(1);
    expect(resources(check)[0]?.id, check.text).toBe(id);
    expect(resources(check)[0]?.userName, "attributes=id leaves userName out").toBeUndefined();
    const wrong = await scim.get(`/Users?filter=${encodeURIComponent(`id eq ${id} and manager eq ${otherManagerId}`)}&attributes=id`);
    expectEmptyListResponse(wrong);

    const change = await scim.patch(`/Users/${id}`, patchOp({ op: "Replace", path: `${ENTERPRISE_URN}:manager`, value: { value: otherManagerId } }));
    expect(change.status, change.text).toBe(200);
    expect(((await readUser(scim, id))[ENTERPRISE_URN] as Json | undefined)?.manager, "manager after Replace").toEqual({ value: otherManagerId });

    // §1.8 "Remove Manager": replace with {"value": ""} means no manager.
    const remove = await scim.patch(`/Users/${id}`, patchOp({ op: "replace", path: `${ENTERPRISE_URN}:manager`, value: { value: "" } }));
    expect(remove.status, remove.text).toBe(200);
    const read = await readUser(scim, id);
    expect((read[ENTERPRISE_URN] as Json | undefined)?.manager, JSON.stringify(read)).toBeUndefined();
  });

  test("SCIM_Null_Update_Test: \"\" then null on optional attributes answer 200 and read back empty", async () => {
    const id = await createUser(scim);
    let res = await scim.patch(`/Users/${id}`, patchOp(
      { op: "Add", path: "title", value: "Engineer" },
      { op: "Add", path: "nickName", value: "Babs" },
      { op: "Replace", path: `${ENTERPRISE_URN}:department`, value: "Sales" },
    ));
    expect(res.status, res.text).toBe(200);
    res = await scim.patch(`/Users/${id}`, patchOp(
      { op: "Replace", path: "title", value: "" },
      { op: "Replace", path: "nickName", value: "" },
      { op: "Replace", path: `${ENTERPRISE_URN}:department`, value: "" },
    ));
    expect([200, 204], res.text).toContain(res.status);
    let read = await readUser(scim, id);
    for (const value of [read.title, read.nickName, (read[ENTERPRISE_URN] as Json | undefined)?.department]) {
      expect([undefined, null, ""], JSON.stringify(read)).toContain(value);
    }
    res = await scim.patch(`/Users/${id}`, patchOp(
      { op: "Replace", path: "title", value: null },
      { op: "Replace", path: "nickName", value: null },
      { op: "Replace", path: `${ENTERPRISE_URN}:department`, value: null },
    ));
    expect([200, 204], res.text).toContain(res.status);
    read = await readUser(scim, id);
    for (const value of [read.title, read.nickName, (read[ENTERPRISE_URN] as Json | undefined)?.department]) {
      expect([undefined, null, ""], JSON.stringify(read)).toContain(value);
    }
    expect(read.userName, "userName untouched").toMatch(/^Test_User_/);
  });

  test("a work email replace on a user without one creates it, as Entra's default mapping expects", async () => {
    const body = entraUserBody();
    const id = await createUser(scim, { ...body, emails: [] });
    const res = await scim.patch(`/Users/${id}`, patchOp({ op: "Replace", path: 'emails[type eq "work"].value', value: "new.work@contoso.com" }));
    expect(res.status, res.text).toBe(200);
    expect((await readUser(scim, id)).emails).toEqual([{ type: "work", value: "new.work@contoso.com" }]);
  });

  test("an empty Operations list is a no-op that answers 200 with the unchanged user", async () => {
    const body = entraUserBody();
    const id = await createUser(scim, body);
    const before = await scim.get(`/Users/${id}`);
    const res = await scim.patch(`/Users/${id}`, patchOp());
    expect(res.status, res.text).toBe(200);
    const after = await scim.get(`/Users/${id}`);
    expect(after.body).toEqual(before.body);
  });
});

test.describe("GET /scim/v2/{dir}/Users?startIndex=…&count=5 (pagination)", () => {
  test("with at least 11 users each page of 5 echoes its startIndex, and pages neither repeat nor skip users", async () => {
    for (let i = 0; i < 11; i++) await createUser(scim);
    const seen: string[] = [];
    const total = Number((await scim.get("/Users?count=0")).body?.totalResults);
    expect(total).toBeGreaterThanOrEqual(11);
    for (let page = 0; page * 5 < total; page++) {
      const res = await scim.get(`/Users?startIndex=${page * 5 + 1}&count=5`);
      expect(res.status, res.text).toBe(200);
      expect(res.body, res.text).toMatchObject({ startIndex: page * 5 + 1, totalResults: total });
      expect(res.body?.itemsPerPage, res.text).toBe(resources(res).length);
      seen.push(...resources(res).map((u) => String(u.id)));
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
  });
});

test.describe("PATCH /scim/v2/{dir}/Users/{id} (deactivate)", () => {
  test("Replace active \"False\" (the default job) disables the user, who still comes back from GET and from filters", async () => {
    const body = entraUserBody();
    const id = await createUser(scim, body);
    const res = await scim.patch(`/Users/${id}`, patchOp({ op: "Replace", path: "active", value: "False" }));
    expect(res.status, res.text).toBe(200);
    expect(res.body?.active, res.text).toBe(false);

    expect((await readUser(scim, id)).active).toBe(false);
    const found = await scim.get(`/Users?filter=${formEncoded(`userName eq "${body.userName}"`)}`);
    expect(found.body?.totalResults, found.text).toBe(1);
    expect(resources(found)[0], found.text).toMatchObject({ id, active: false });
    const inactive = await scim.get(`/Users?filter=${formEncoded(`active eq false and userName eq "${body.userName}"`)}`);
    expect(inactive.body?.totalResults, inactive.text).toBe(1);
  });

  test("replace active false (aadOptscim062020) disables, and Replace active \"True\" enables again", async () => {
    const id = await createUser(scim);
    let res = await scim.patch(`/Users/${id}`, patchOp({ op: "replace", path: "active", value: false }));
    expect(res.status, res.text).toBe(200);
    expect((await readUser(scim, id)).active).toBe(false);
    res = await scim.patch(`/Users/${id}`, patchOp({ op: "Replace", path: "active", value: "True" }));
    expect(res.status, res.text).toBe(200);
    expect((await readUser(scim, id)).active).toBe(true);
    // scimmy#86 saw a lower-case string.
    res = await scim.patch(`/Users/${id}`, patchOp({ op: "Replace", path: "active", value: "false" }));
    expect(res.status, res.text).toBe(200);
    expect((await readUser(scim, id)).active).toBe(false);
  });
});

test.describe("POST /scim/v2/{dir}/Groups (group push)", () => {
  test("Entra's lookup finds nothing, the group is created without members, and GET excludes members when asked", async () => {
    const body = entraGroupBody();
    expectEmptyListResponse(await scim.get(`/Groups?excludedAttributes=members&filter=${formEncoded(`displayName eq "${body.displayName}"`)}`));

    const created = await scim.post("/Groups", body);
    expect(created.status, created.text).toBe(201);
    const id = String(created.body?.id);
    expect(created.headers.get("location"), created.text).toBe(`${dir.scimBaseUrl}/Groups/${id}`);
    expect(created.headers.get("etag"), created.text).toMatch(/^W\/".+"$/);
    expect(created.body, created.text).toMatchObject({ id, displayName: body.displayName, externalId: body.externalId });
    expect((created.body?.members ?? []) as Member[], created.text).toEqual([]);

    const read = await scim.get(`/Groups/${id}?excludedAttributes=members`);
    expect(read.status, read.text).toBe(200);
    expect(read.body, read.text).toMatchObject({ id, displayName: body.displayName, externalId: body.externalId });
    expect(read.body?.members, read.text).toBeUndefined();

    const found = await scim.get(`/Groups?excludedAttributes=members&filter=${formEncoded(`displayName eq "${body.displayName.toUpperCase()}"`)}`);
    expect(found.body?.totalResults, found.text).toBe(1);
    expect(resources(found)[0], found.text).toMatchObject({ id, displayName: body.displayName });
    expect(resources(found)[0]?.members, found.text).toBeUndefined();
  });

  test("then PATCH Add members (\"$ref\": null), several in one request, answers 204 and the members read back", async () => {
    const [u1, u2, u3] = [await createUser(scim), await createUser(scim), await createUser(scim)];
    const groupId = await createGroup(scim);
    let res = await scim.patch(`/Groups/${groupId}`, patchOp({ op: "Add", path: "members", value: [{ $ref: null, value: u1 }] }));
    expect(res.status, res.text).toBe(204);
    expect(res.text).toBe("");
    expect(await memberIds(scim, groupId)).toEqual([u1]);

    // Gallery checklist: PATCH on multiple group memberships in one request.
    res = await scim.patch(`/Groups/${groupId}`, patchOp({ op: "Add", path: "members", value: [{ $ref: null, value: u2 }, { $ref: null, value: u3 }] }));
    expect(res.status, res.text).toBe(204);
    expect(await memberIds(scim, groupId)).toEqual([u1, u2, u3].sort());

    // The user side shows the membership too.
    const user = await readUser(scim, u2);
    expect((user.groups as Member[] | undefined)?.map((g) => g.value), JSON.stringify(user)).toEqual([groupId]);
  });

  test("a duplicate displayName answers 409 uniqueness", async () => {
    const body = entraGroupBody();
    await createGroup(scim, body);
    const duplicate = await scim.post("/Groups", { ...entraGroupBody(), displayName: body.displayName });
    expectScimError(duplicate, 409);
    expect(duplicate.body?.scimType, duplicate.text).toBe("uniqueness");
  });
});

test.describe("PATCH /scim/v2/{dir}/Groups/{id} (members)", () => {
  test("Remove with path members and a value list (Entra's default form) answers 204 and removes exactly those", async () => {
    const [u1, u2, u3] = [await createUser(scim), await createUser(scim), await createUser(scim)];
    const groupId = await createGroup(scim);
    expect((await scim.patch(`/Groups/${groupId}`, patchOp({ op: "Add", path: "members", value: [u1, u2, u3].map((value) => ({ $ref: null, value })) }))).status).toBe(204);

    const res = await scim.patch(`/Groups/${groupId}`, patchOp({ op: "Remove", path: "members", value: [{ $ref: null, value: u1 }] }));
    expect(res.status, res.text).toBe(204);
    expect(await memberIds(scim, groupId)).toEqual([u2, u3].sort());
    const removed = await readUser(scim, u1);
    expect(removed.groups ?? [], JSON.stringify(removed)).toEqual([]);
  });

  test("remove with members[value eq \"…\"] (aadOptscim062020) answers 204 and removes that member", async () => {
    const [u1, u2] = [await createUser(scim), await createUser(scim)];
    const groupId = await createGroup(scim);
    expect((await scim.patch(`/Groups/${groupId}`, patchOp({ op: "Add", path: "members", value: [{ value: u1 }, { value: u2 }] }))).status).toBe(204);

    const res = await scim.patch(`/Groups/${groupId}`, patchOp({ op: "remove", path: `members[value eq "${u2}"]` }));
    expect(res.status, res.text).toBe(204);
    expect(await memberIds(scim, groupId)).toEqual([u1]);
  });

  test("the validator's \"Add Member\" (replace on members) answers 204 and leaves exactly the listed members", async () => {
    const [u1, u2, u3] = [await createUser(scim), await createUser(scim), await createUser(scim)];
    const groupId = await createGroup(scim);
    expect((await scim.patch(`/Groups/${groupId}`, patchOp({ op: "Add", path: "members", value: [{ value: u1 }, { value: u2 }] }))).status).toBe(204);

    const res = await scim.patch(`/Groups/${groupId}`, patchOp({ op: "replace", path: "members", value: [{ value: u3 }] }));
    expect(res.status, res.text).toBe(204);
    expect(await memberIds(scim, groupId)).toEqual([u3]);
  });

  test("add then remove of the same member in one request (validator preview) leaves it out", async () => {
    const [u1, u2] = [await createUser(scim), await createUser(scim)];
    const groupId = await createGroup(scim);
    expect((await scim.patch(`/Groups/${groupId}`, patchOp({ op: "Add", path: "members", value: [{ value: u1 }] }))).status).toBe(204);

    const res = await scim.patch(`/Groups/${groupId}`, patchOp(
      { op: "add", path: "members", value: [{ value: u2 }] },
      { op: "remove", path: `members[value eq "${u2}"]` },
    ));
    expect(res.status, res.text).toBe(204);
    expect(await memberIds(scim, groupId)).toEqual([u1]);
  });

  test("an unknown member id is skipped: 204, and the group keeps its real members only", async () => {
    const u1 = await createUser(scim);
    const groupId = await createGroup(scim);
    const res = await scim.patch(`/Groups/${groupId}`, patchOp({ op: "Add", path: "members", value: [{ $ref: null, value: "f648f8d5ea4e4cd38e9c" }, { $ref: null, value: u1 }] }));
    expect(res.status, res.text).toBe(204);
    expect(await memberIds(scim, groupId)).toEqual([u1]);
  });

  test("removing a member who is not in the group answers 204 and changes nothing", async () => {
    const [u1, u2] = [await createUser(scim), await createUser(scim)];
    const groupId = await createGroup(scim);
    expect((await scim.patch(`/Groups/${groupId}`, patchOp({ op: "Add", path: "members", value: [{ value: u1 }] }))).status).toBe(204);
    for (const op of [
      { op: "Remove", path: "members", value: [{ $ref: null, value: u2 }] },
      { op: "remove", path: `members[value eq "${u2}"]` },
    ]) {
      const res = await scim.patch(`/Groups/${groupId}`, patchOp(op));
      expect(res.status, res.text).toBe(204);
    }
    expect(await memberIds(scim, groupId)).toEqual([u1]);
  });
});

test.describe("PATCH /scim/v2/{dir}/Groups/{id} (rename)", () => {
  test("Replace displayName answers 204; the new name matches in any case and the old one no longer does", async () => {
    const body = entraGroupBody();
    const groupId = await createGroup(scim, body);
    const newName = `${randomUUID()}updatedDisplayName`;
    const res = await scim.patch(`/Groups/${groupId}`, patchOp({ op: "Replace", path: "displayName", value: newName }));
    expect(res.status, res.text).toBe(204);

    const read = await scim.get(`/Groups/${groupId}?excludedAttributes=members`);
    expect(read.body, read.text).toMatchObject({ id: groupId, displayName: newName, externalId: body.externalId });
    const byNew = await scim.get(`/Groups?excludedAttributes=members&filter=${formEncoded(`displayName eq "${newName.toLowerCase()}"`)}`);
    expect(resources(byNew).map((g) => g.id), byNew.text).toEqual([groupId]);
    expectEmptyListResponse(await scim.get(`/Groups?excludedAttributes=members&filter=${formEncoded(`displayName eq "${body.displayName}"`)}`));
  });

  test("a rename onto another group's displayName answers 409 uniqueness and renames nothing", async () => {
    const [first, second] = [entraGroupBody(), entraGroupBody()];
    await createGroup(scim, first);
    const secondId = await createGroup(scim, second);
    const res = await scim.patch(`/Groups/${secondId}`, patchOp({ op: "Replace", path: "displayName", value: first.displayName.toLowerCase() }));
    expectScimError(res, 409);
    expect(res.body?.scimType, res.text).toBe("uniqueness");
    expect((await scim.get(`/Groups/${secondId}?excludedAttributes=members`)).body?.displayName).toBe(second.displayName);
  });

  test("the validator's no-path replaces of externalId and displayName answer 204 and read back, members untouched", async () => {
    const u1 = await createUser(scim);
    const groupId = await createGroup(scim);
    expect((await scim.patch(`/Groups/${groupId}`, patchOp({ op: "Add", path: "members", value: [{ value: u1 }] }))).status).toBe(204);
    const externalId = randomUUID();
    const displayName = `WUZPWMBDDCGI-${randomUUID()}`;
    let res = await scim.patch(`/Groups/${groupId}`, patchOp({ op: "replace", value: { externalId } }));
    expect(res.status, res.text).toBe(204);
    res = await scim.patch(`/Groups/${groupId}`, patchOp({ op: "replace", value: { displayName } }));
    expect(res.status, res.text).toBe(204);

    const read = await scim.get(`/Groups/${groupId}`);
    expect(read.body, read.text).toMatchObject({ id: groupId, displayName, externalId });
    expect(((read.body?.members ?? []) as Member[]).map((m) => m.value), read.text).toEqual([u1]);
  });
});

test.describe("DELETE /scim/v2/{dir}/Users/{id}", () => {
  test("answers 204; the user is then 404, gone from filters and from its groups, and a second DELETE is 404", async () => {
    const body = entraUserBody();
    const [id, stays] = [await createUser(scim, body), await createUser(scim)];
    const groupId = await createGroup(scim);
    expect((await scim.patch(`/Groups/${groupId}`, patchOp({ op: "Add", path: "members", value: [{ value: id }, { value: stays }] }))).status).toBe(204);

    const res = await scim.delete(`/Users/${id}`);
    expect(res.status, res.text).toBe(204);

    expectScimError(await scim.get(`/Users/${id}`), 404);
    expectEmptyListResponse(await scim.get(`/Users?filter=${formEncoded(`userName eq "${body.userName}"`)}`));
    expect(await memberIds(scim, groupId)).toEqual([stays]);
    expectScimError(await scim.delete(`/Users/${id}`), 404);
    expectScimError(await scim.patch(`/Users/${id}`, patchOp({ op: "Replace", path: "active", value: "False" })), 404);
  });

  test("a user id that never existed answers 404", async () => {
    expectScimError(await scim.delete(`/Users/${randomUUID()}`), 404);
  });
});

test.describe("DELETE /scim/v2/{dir}/Groups/{id}", () => {
  test("answers 204; the group is then 404, its users remain without it, and a second DELETE is 404", async () => {
    const u1 = await createUser(scim);
    const body = entraGroupBody();
    const groupId = await createGroup(scim, body);
    expect((await scim.patch(`/Groups/${groupId}`, patchOp({ op: "Add", path: "members", value: [{ value: u1 }] }))).status).toBe(204);

    const res = await scim.delete(`/Groups/${groupId}`);
    expect(res.status, res.text).toBe(204);

    expectScimError(await scim.get(`/Groups/${groupId}?excludedAttributes=members`), 404);
    expectEmptyListResponse(await scim.get(`/Groups?excludedAttributes=members&filter=${formEncoded(`displayName eq "${body.displayName}"`)}`));
    const user = await readUser(scim, u1);
    expect(user.groups ?? [], JSON.stringify(user)).toEqual([]);
    expectScimError(await scim.delete(`/Groups/${groupId}`), 404);
  });
});
