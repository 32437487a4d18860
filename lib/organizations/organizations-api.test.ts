import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createDirectory } from "@/lib/directory/create-directory";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { createOrganization } from "./create-organization";
import { deleteOrganization } from "./delete-organization";
import { getOrganizationOrThrow } from "./get-organization-or-throw";
import { listOrganizationsPage } from "./list-organizations-page";
import { updateOrganization } from "./update-organization";

setupTestDatabase();

describe("organizations, for the management API", () => {
  it("update changes only what is given, and refuses a slug that is taken", async () => {
    const org = await createOrganization({ name: "Initech", slug: "initech", domains: ["initech.com"] });
    await createOrganization({ name: "Initrode", slug: "initrode" });
    expect(await updateOrganization({ organizationId: org.id })).toMatchObject({ name: "Initech", slug: "initech", domains: ["initech.com"] });
    expect(await updateOrganization({ organizationId: org.id, name: "Initech Corp", domains: ["Initech.com", "initech.com", "initech.io"] })).toMatchObject({
      name: "Initech Corp", slug: "initech", domains: ["initech.com", "initech.io"],
    });
    await expect(updateOrganization({ organizationId: org.id, slug: "initrode" })).rejects.toMatchObject({ code: "CONFLICT", field: "slug" });
    await expect(updateOrganization({ organizationId: org.id, slug: "Not A Slug" })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "slug" });
    await expect(updateOrganization({ organizationId: "org_missing", name: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("delete takes everything the organisation owns with it", async () => {
    const org = await createOrganization({ name: "Doomed", slug: "doomed" });
    const { directory } = await createDirectory({ organizationId: org.id, provider: "okta", syncMode: "FULL" });
    await deleteOrganization({ organizationId: org.id, deletedBy: "cli" });
    await expect(getOrganizationOrThrow({ organizationId: org.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.directory.count({ where: { id: directory.id } })).toBe(0);
    expect(await db.scimToken.count({ where: { directoryId: directory.id } })).toBe(0);
    await expect(deleteOrganization({ organizationId: org.id, deletedBy: "cli" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("pages by id, and a scoped caller sees only its own organisation on every page", async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await createOrganization({ name: `Paged ${i}`, slug: `paged-${i}` })).id);
    const all = [];
    let after: string | undefined;
    do {
      const page = await listOrganizationsPage({ limit: 2, after });
      all.push(...page.data.map((o) => o.id));
      after = page.nextCursor ?? undefined;
    } while (after);
    expect(all).toEqual([...all].sort());
    expect(all).toEqual(expect.arrayContaining(ids));
    expect((await listOrganizationsPage({ organizationId: ids[1], limit: 10 })).data.map((o) => o.id)).toEqual([ids[1]]);
    expect((await listOrganizationsPage({ organizationId: ids[1], limit: 10, after: ids[1] })).data).toEqual([]);
  });
});
