import { describe, expect, it } from "vitest";
import { sql } from "@/lib/db/sql";
import { createOrganization } from "@/lib/organizations/create-organization";
import { groupsWithinMemberBudget, MAX_LISTED_MEMBERS } from "@/lib/scim/limits";
import { listQuerySchema } from "@/lib/scim/requests";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { createDirectory } from "./create-directory";
import { listGroups } from "./list-groups";

setupTestDatabase();

describe("groupsWithinMemberBudget", () => {
  it.each([
    [[], 0], [[5], 1], [[MAX_LISTED_MEMBERS + 1], 1], [[6000, 4000, 1], 2], [[6000, 6000, 1], 1], [[0, 0, 0], 3], [[10, MAX_LISTED_MEMBERS], 1],
  ])("%j → %i", (counts, fit) => {
    expect(groupsWithinMemberBudget(counts)).toBe(fit);
  });
});

// Issue 12, item 7: GET /Groups?count=1000 loaded every member of every group on the page.
describe("GET /scim/v2/{dir}/Groups with members", () => {
  it("ends the page at the member budget, and pages on from there", async () => {
    const org = await createOrganization({ name: "budget", slug: "budget" });
    const { directory } = await createDirectory({ organizationId: org.id, provider: "okta", syncMode: "FULL" });
    const d = [org.id, directory.id];
    await sql.execute(
      `INSERT INTO "DirectoryUser" ("id", "organizationId", "directoryId", "userName", "attributes")
       SELECT 'usr_b' || lpad(i::text, 6, '0'), $1, $2, 'u' || i || '@example.com', jsonb_build_object('userName', 'u' || i || '@example.com')
         FROM generate_series(1, 6000) i`, d);
    await sql.execute(
      `INSERT INTO "DirectoryGroup" ("id", "organizationId", "directoryId", "displayName", "attributes")
       SELECT 'grp_b' || g, $1, $2, 'G' || g, jsonb_build_object('displayName', 'G' || g) FROM generate_series(1, 3) g`, d);
    await sql.execute(
      `INSERT INTO "GroupMember" ("organizationId", "directoryId", "groupId", "userId")
       SELECT $1, $2, 'grp_b' || g, 'usr_b' || lpad(i::text, 6, '0') FROM generate_series(1, 3) g, generate_series(1, 6000) i`, d);

    const page = (params: Record<string, string>, withMembers = true) =>
      listGroups({ directoryId: directory.id, query: listQuerySchema.parse(params), withMembers });
    const first = await page({ count: "1000" });
    expect(first.totalResults).toBe(3);
    expect(first.groups.map((g) => [g.group.id, g.members?.length])).toEqual([["grp_b1", 6000]]);
    const second = await page({ count: "1000", startIndex: "2" });
    expect(second.groups.map((g) => g.group.id)).toEqual(["grp_b2"]);
    expect((await page({ count: "1000" }, false)).groups).toHaveLength(3);
  });
});
