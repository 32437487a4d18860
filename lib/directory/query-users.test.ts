import { beforeAll, describe, expect, it } from "vitest";
import { createDirectory } from "@/lib/directory/create-directory";
import { createOrganization } from "@/lib/organizations/create-organization";
import { listQuerySchema } from "@/lib/scim/requests";
import { createUserBodySchema } from "@/lib/scim/requests";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { createGroup } from "./create-group";
import { createUser } from "./create-user";
import { listUsers } from "./list-users";
import type { ProvisioningDirectory } from "./types";

setupTestDatabase();

let a: ProvisioningDirectory;
let b: ProvisioningDirectory;

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

async function addUser(dir: ProvisioningDirectory, userName: string, extra: Record<string, unknown> = {}) {
  const body = createUserBodySchema.parse({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName, ...extra });
  return createUser({ directory: dir, body });
}

async function userNames(dir: ProvisioningDirectory, params: Record<string, string>) {
  const { users, totalResults } = await listUsers({ directoryId: dir.id, query: listQuerySchema.parse(params), withGroups: false });
  return { names: users.map((u) => String(u.attributes.userName)), totalResults };
}

beforeAll(async () => {
  const orgA = await createOrganization({ name: "A", slug: "query-a" });
  const orgB = await createOrganization({ name: "B", slug: "query-b" });
  a = (await createDirectory({ organizationId: orgA.id, provider: "okta", syncMode: "FULL" })).directory;
  b = (await createDirectory({ organizationId: orgB.id, provider: "entra", syncMode: "FULL" })).directory;
  await addUser(a, "Alice@Acme.com", { externalId: "ext-1", name: { givenName: "Alice", familyName: "Zeta" }, emails: [{ value: "alice@acme.com", type: "work", primary: true }], title: "Engineer", [ENTERPRISE]: { department: "R&D", manager: { value: "mgr-1" } } });
  await addUser(a, "bob@acme.com", { externalId: "ext-2", name: { givenName: "Bob", familyName: "Young" }, emails: [{ value: "bob@home.example", type: "home" }, { value: "bob@acme.com", type: "work" }], active: false, [ENTERPRISE]: { department: "Sales" } });
  await addUser(a, "carol@acme.com", { externalId: "ext-2", name: { givenName: "Carol", familyName: "Xu" }, title: "100% Manager_x" });
  await addUser(b, "alice@acme.com", { externalId: "ext-1" });
  const carol = (await listUsers({ directoryId: a.id, query: listQuerySchema.parse({ filter: 'userName eq "carol@acme.com"' }), withGroups: false })).users[0]!;
  await createGroup({ directory: a, body: { attributes: { displayName: "Engineering" }, members: [{ value: carol.id }] } });
});

describe("GET /Users filters, translated to SQL", () => {
  it.each([
    ['userName eq "alice@acme.com"', ["Alice@Acme.com"]],
    ['USERNAME EQ "ALICE@ACME.COM"', ["Alice@Acme.com"]],
    ['userName sw "b"', ["bob@acme.com"]],
    ['userName ew "ACME.COM"', ["Alice@Acme.com", "bob@acme.com", "carol@acme.com"]],
    ['userName co "ol@"', ["carol@acme.com"]],
    ['externalId eq "ext-2"', ["bob@acme.com", "carol@acme.com"]],
    ['externalId eq "EXT-2"', []],
    ["externalId eq ext-1", ["Alice@Acme.com"]],
    ["active eq false", ["bob@acme.com"]],
    ['active eq "True"', ["Alice@Acme.com", "carol@acme.com"]],
    ['name.givenName eq "bob" or name.familyName eq "xu"', ["bob@acme.com", "carol@acme.com"]],
    ['not (userName eq "bob@acme.com")', ["Alice@Acme.com", "carol@acme.com"]],
    ['emails[type eq "work" and value co "@acme"]', ["Alice@Acme.com", "bob@acme.com"]],
    ['emails[type eq "work"].value eq "bob@acme.com"', ["bob@acme.com"]],
    ['emails.value eq "BOB@HOME.EXAMPLE"', ["bob@acme.com"]],
    ["title pr", ["Alice@Acme.com", "carol@acme.com"]],
    ['title co "100%"', ["carol@acme.com"]],
    ['title co "r_x"', ["carol@acme.com"]],
    ['title co "r%x"', []],
    [`${ENTERPRISE}:department eq "r&d"`, ["Alice@Acme.com"]],
    ['manager eq "mgr-1"', ["Alice@Acme.com"]],
    ['meta.created gt "2000-01-01T00:00:00Z"', ["Alice@Acme.com", "bob@acme.com", "carol@acme.com"]],
    ['meta.lastModified lt "2000-01-01T00:00:00Z"', []],
    ["groups pr", ["carol@acme.com"]],
    ['(userName sw "a" or userName sw "b") and active eq true', ["Alice@Acme.com"]],
    ['userName eq "nobody"', []],
  ])("%s", async (filter, expected) => {
    const { names, totalResults } = await userNames(a, { filter });
    expect(names.sort()).toEqual([...expected].sort());
    expect(totalResults).toBe(expected.length);
  });

  it("never returns another directory's users", async () => {
    expect((await userNames(b, { filter: 'userName co "acme"' })).names).toEqual(["alice@acme.com"]);
    expect((await userNames(a, {})).totalResults).toBe(3);
  });

  it("binds values instead of splicing them into SQL", async () => {
    const { names } = await userNames(a, { filter: `userName eq "x' OR '1'='1"` });
    expect(names).toEqual([]);
  });
});

describe("GET /Users paging and sorting", () => {
  it("pages with a 1-based startIndex and an exact total", async () => {
    const first = await userNames(a, { count: "2" });
    const second = await userNames(a, { startIndex: "3", count: "2" });
    expect(first.totalResults).toBe(3);
    expect(first.names).toHaveLength(2);
    expect(second.names).toHaveLength(1);
    expect(new Set([...first.names, ...second.names]).size).toBe(3);
    expect((await userNames(a, { startIndex: "0", count: "0" })).names).toEqual([]);
  });

  it("sorts by an indexed attribute, either way", async () => {
    expect((await userNames(a, { sortBy: "name.familyName" })).names).toEqual(["carol@acme.com", "bob@acme.com", "Alice@Acme.com"]);
    expect((await userNames(a, { sortBy: "userName", sortOrder: "descending" })).names).toEqual(["carol@acme.com", "bob@acme.com", "Alice@Acme.com"]);
  });
});
