import { describe, expect, it } from "vitest";
import { createOrganization } from "@/lib/organizations/create-organization";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { db } from "@/lib/db/client";
import { createAccount } from "./create-account";
import { getAccountOrThrow } from "./get-account-or-throw";
import { listAccounts } from "./list-accounts";

setupTestDatabase();

let counter = 0;
async function newOrganization() {
  const slug = `accounts-${counter++}`;
  return createOrganization({ name: slug, slug });
}

describe("accounts", () => {
  it("are created by hand as active, manual accounts", async () => {
    const org = await newOrganization();
    const account = await createAccount({ organizationId: org.id, email: "  Grace@Example.com ", name: "Grace" });
    expect(account).toMatchObject({ id: expect.stringMatching(/^acc_/), organizationId: org.id, email: "Grace@Example.com", name: "Grace", status: "active", source: "manual", directoryUserId: null });
  });

  it("have one email per organisation, whatever its case, and the same email in another organisation is fine", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    await createAccount({ organizationId: org.id, email: "linus@example.com" });
    await expect(createAccount({ organizationId: org.id, email: "LINUS@example.COM" })).rejects.toMatchObject({ code: "CONFLICT", field: "email" });
    await expect(createAccount({ organizationId: other.id, email: "Linus@Example.com" })).resolves.toMatchObject({ organizationId: other.id });
  });

  it.each([["not an email", "email"], ["", "email"]])("refuse the email %j", async (email, field) => {
    const org = await newOrganization();
    await expect(createAccount({ organizationId: org.id, email })).rejects.toMatchObject({ code: "INVALID_INPUT", field });
  });

  it("cannot be created in an organisation that does not exist", async () => {
    await expect(createAccount({ organizationId: "org_missing", email: "a@example.com" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("are found only inside the caller's organisation", async () => {
    const a = await newOrganization();
    const b = await newOrganization();
    const account = await createAccount({ organizationId: b.id, email: "b@example.com" });
    expect((await getAccountOrThrow({ accountId: account.id })).id).toBe(account.id);
    expect((await getAccountOrThrow({ accountId: account.id, organizationId: b.id })).id).toBe(account.id);
    await expect(getAccountOrThrow({ accountId: account.id, organizationId: a.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getAccountOrThrow({ accountId: "acc_missing" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("list one organisation's a page at a time, by status and by email in any case", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await createAccount({ organizationId: org.id, email: `user${i}@example.com` }));
    await createAccount({ organizationId: other.id, email: "user0@example.com" });
    await db.account.update({ where: { id: created[1]!.id }, data: { status: "deactivated" } });

    const pages = [];
    let after: string | undefined;
    do {
      const page = await listAccounts({ organizationId: org.id, limit: 2, after });
      pages.push(page.data.map((a) => a.email));
      after = page.nextCursor ?? undefined;
    } while (after);
    expect(pages).toEqual([["user0@example.com", "user1@example.com"], ["user2@example.com", "user3@example.com"], ["user4@example.com"]]);

    expect((await listAccounts({ organizationId: org.id, status: "deactivated", limit: 10 })).data.map((a) => a.id)).toEqual([created[1]!.id]);
    expect((await listAccounts({ organizationId: org.id, status: "active", limit: 10 })).data).toHaveLength(4);
    expect((await listAccounts({ organizationId: org.id, email: "USER3@example.com", limit: 10 })).data.map((a) => a.id)).toEqual([created[3]!.id]);
  });
});
