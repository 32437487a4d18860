// Issue 15, part 4: "an account whose directory user is 'Margaret Hamilton' does not show 'none'" in the console.
// Okta and OneLogin send name.givenName and name.familyName and often no displayName.
import { describe, expect, it } from "vitest";
import { accountDisplayName, listAccounts } from "@/lib/accounts/list-accounts";
import { sql } from "@/lib/db/sql";
import { newId } from "@/lib/ids";
import { createOrganization } from "@/lib/organizations/create-organization";
import { createUserBodySchema, patchRequestSchema } from "@/lib/scim/requests";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { createDirectory } from "./create-directory";
import { createUser } from "./create-user";
import { patchUser } from "./patch-user";
import type { ProvisioningDirectory } from "./types";

setupTestDatabase();

let slugs = 0;
async function newDirectory(syncMode: "FULL" | "DEPROVISION_ONLY"): Promise<ProvisioningDirectory> {
  const org = await createOrganization({ name: "Acme", slug: `acct-name-${slugs++}` });
  const { directory } = await createDirectory({ organizationId: org.id, provider: "okta", syncMode });
  return { id: directory.id, organizationId: org.id, syncMode };
}

const margaret = (email: string) =>
  createUserBodySchema.parse({
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: email,
    name: { givenName: "Margaret", familyName: "Hamilton" }, emails: [{ value: email, primary: true }], active: true,
  });

async function accountName(dir: ProvisioningDirectory, email: string) {
  // As the console's Accounts table shows it.
  const page = await listAccounts({ organizationId: dir.organizationId, email, limit: 10 });
  return page.data[0] && accountDisplayName(page.data[0]);
}

describe("account names follow the directory user", () => {
  it("an account created for a user with a given and a family name but no displayName is named after them", async () => {
    const dir = await newDirectory("FULL");
    await createUser({ directory: dir, body: margaret("margaret@apollo.test") });
    expect(await accountName(dir, "margaret@apollo.test")).toBe("Margaret Hamilton");
  });

  it("a linked account takes the name, and a changed family name follows", async () => {
    const dir = await newDirectory("FULL");
    await sql.execute(`INSERT INTO "Account" ("id", "organizationId", "email", "source") VALUES ($1, $2, $3, 'manual')`, [newId("acc"), dir.organizationId, "mh@apollo.test"]);
    const user = await createUser({ directory: dir, body: margaret("mh@apollo.test") });
    expect(await accountName(dir, "mh@apollo.test")).toBe("Margaret Hamilton");
    const body = patchRequestSchema.parse({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "Replace", path: "name.familyName", value: "Eaton" }] });
    await patchUser({ directory: dir, userId: user.id, operations: body.Operations });
    expect(await accountName(dir, "mh@apollo.test")).toBe("Margaret Eaton");
  });

  it("in deprovision-only mode, a linked account with no name of its own shows the directory user's", async () => {
    const dir = await newDirectory("DEPROVISION_ONLY");
    await sql.execute(`INSERT INTO "Account" ("id", "organizationId", "email", "source") VALUES ($1, $2, $3, 'jit')`, [newId("acc"), dir.organizationId, "jit@apollo.test"]);
    await createUser({ directory: dir, body: margaret("jit@apollo.test") });
    expect(await accountName(dir, "jit@apollo.test")).toBe("Margaret Hamilton");
  });

  it("an account's own name wins over the directory's in deprovision-only mode, and another organisation's user never names it", async () => {
    const dir = await newDirectory("DEPROVISION_ONLY");
    const other = await newDirectory("FULL");
    await sql.execute(`INSERT INTO "Account" ("id", "organizationId", "email", "name", "source") VALUES ($1, $2, $3, 'Maggie H', 'jit')`, [newId("acc"), dir.organizationId, "own@apollo.test"]);
    await createUser({ directory: dir, body: margaret("own@apollo.test") });
    await createUser({ directory: other, body: margaret("own@apollo.test") });
    expect(await accountName(dir, "own@apollo.test")).toBe("Maggie H");
  });
});
