// GET /Users carries each user's `groups` (RFC 7643 §4.1.2), read for the whole page in the page's own statement
// (issue 13). Each user must get exactly its own groups, in order, whatever page it is on and whatever else the
// directory, or another tenant's directory, holds.
import { beforeAll, describe, expect, it } from "vitest";
import { listQuerySchema, createUserBodySchema } from "@/lib/scim/requests";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { createTestDirectory } from "@/lib/testing/test-directory";
import { createGroup } from "./create-group";
import { createUser } from "./create-user";
import { listUsers } from "./list-users";
import type { ProvisioningDirectory } from "./types";

setupTestDatabase();

let acme: ProvisioningDirectory;
let other: ProvisioningDirectory;
const ids: Record<string, string> = {};
const groupIds: Record<string, string> = {};

async function addUser(dir: ProvisioningDirectory, userName: string) {
  const body = createUserBodySchema.parse({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName });
  return (await createUser({ directory: dir, body })).id;
}

/** A page in userName order unless `params` says otherwise: ids made in the same millisecond sort by chance. */
async function page(dir: ProvisioningDirectory, params: Record<string, string | undefined>, withGroups = true) {
  const { users, totalResults } = await listUsers({ directoryId: dir.id, query: listQuerySchema.parse({ sortBy: "userName", ...params }), withGroups });
  return { totalResults, users: users.map((u) => ({ userName: String(u.attributes.userName), groups: u.groups })) };
}

beforeAll(async () => {
  const a = await createTestDirectory({ name: "Acme" });
  const b = await createTestDirectory({ name: "Other" });
  acme = { id: a.directoryId, organizationId: a.organizationId, syncMode: "FULL" };
  other = { id: b.directoryId, organizationId: b.organizationId, syncMode: "FULL" };
  // A millisecond apart at least, so that their ids, which lead with the time, sort in this order too.
  for (const name of ["ada", "bob", "cy", "dee"]) {
    ids[name] = await addUser(acme, `${name}@acme.example`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  ids.otherAda = await addUser(other, "ada@other.example");
  // Two groups whose names sort against their creation order, so the list's order is the name's.
  groupIds.zeta = (await createGroup({ directory: acme, body: { attributes: { displayName: "Zeta" }, members: [{ value: ids.ada! }, { value: ids.cy! }] } })).id;
  groupIds.alpha = (await createGroup({ directory: acme, body: { attributes: { displayName: "alpha" }, members: [{ value: ids.ada! }, { value: ids.dee! }] } })).id;
  // Another tenant's group, with its own user: none of it may show in Acme's pages.
  groupIds.elsewhere = (await createGroup({ directory: other, body: { attributes: { displayName: "Elsewhere" }, members: [{ value: ids.otherAda! }] } })).id;
});

describe("GET /Users: each user's groups on a list page", () => {
  it("lists every user's own groups by name, and none for a user without any", async () => {
    // The default order, by id.
    expect(await page(acme, { sortBy: undefined })).toEqual({
      totalResults: 4,
      users: [
        { userName: "ada@acme.example", groups: [{ value: groupIds.alpha, display: "alpha" }, { value: groupIds.zeta, display: "Zeta" }] },
        { userName: "bob@acme.example", groups: [] },
        { userName: "cy@acme.example", groups: [{ value: groupIds.zeta, display: "Zeta" }] },
        { userName: "dee@acme.example", groups: [{ value: groupIds.alpha, display: "alpha" }] },
      ],
    });
  });

  it("gives a later page's users their groups, not the first page's", async () => {
    expect(await page(acme, { startIndex: "3", count: "2" })).toEqual({
      totalResults: 4,
      users: [
        { userName: "cy@acme.example", groups: [{ value: groupIds.zeta, display: "Zeta" }] },
        { userName: "dee@acme.example", groups: [{ value: groupIds.alpha, display: "alpha" }] },
      ],
    });
  });

  it("keeps the groups with their users under another order and a filter", async () => {
    expect(await page(acme, { sortBy: "userName", sortOrder: "descending", filter: 'userName ne "bob@acme.example"' })).toEqual({
      totalResults: 3,
      users: [
        { userName: "dee@acme.example", groups: [{ value: groupIds.alpha, display: "alpha" }] },
        { userName: "cy@acme.example", groups: [{ value: groupIds.zeta, display: "Zeta" }] },
        { userName: "ada@acme.example", groups: [{ value: groupIds.alpha, display: "alpha" }, { value: groupIds.zeta, display: "Zeta" }] },
      ],
    });
  });

  it("shows another tenant's user only its own tenant's groups", async () => {
    expect(await page(other, {})).toEqual({ totalResults: 1, users: [{ userName: "ada@other.example", groups: [{ value: groupIds.elsewhere, display: "Elsewhere" }] }] });
  });

  it("reads no groups when they are not wanted, and answers the total for a page past the end", async () => {
    expect((await page(acme, { count: "1" }, false)).users).toEqual([{ userName: "ada@acme.example", groups: undefined }]);
    expect(await page(acme, { startIndex: "10" })).toEqual({ totalResults: 4, users: [] });
  });
});
