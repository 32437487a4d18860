// The console's user search over one trigram index on five columns joined (migration 20261207090000): it still
// matches inside one column only, and PostgreSQL still answers a rare term through that index.
import { describe, expect, it } from "vitest";
import { sql } from "@/lib/db/sql";
import { newId } from "@/lib/ids";
import { createTestDirectory } from "@/lib/testing/test-directory";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { searchDirectoryUsers, searchDirectoryUsersQuery } from "./search-directory-users";

setupTestDatabase();

const newDirectory = () => createTestDirectory({ name: "Search", provider: "entra" });

describe("console user search", () => {
  it("never matches a term across two columns, though the index joins them", async () => {
    const dir = await newDirectory();
    await sql.execute(
      `INSERT INTO "DirectoryUser" ("id", "organizationId", "directoryId", "userName", "email", "givenName", "familyName", "displayName", "attributes")
       VALUES ($1, $2, $3, 'mh@apollo.test', NULL, 'Margaret', 'Hamilton', NULL, '{}')`,
      [newId("usr"), dir.organizationId, dir.directoryId],
    );
    const find = async (q: string) => (await searchDirectoryUsers({ ...dir, q, limit: 10 })).data.map((u) => u.userName);
    expect(await find("margaret")).toEqual(["mh@apollo.test"]);
    expect(await find("ret\nham")).toEqual([]);
    expect(await find("test\nmar")).toEqual([]);
  });

  it("finds a rare term through the trigram index at 20,000 users, not by walking the directory", async () => {
    const dir = await newDirectory();
    await sql.execute(
      `INSERT INTO "DirectoryUser" ("id", "organizationId", "directoryId", "userName", "email", "givenName", "familyName", "displayName", "attributes")
       SELECT 'usr_' || lpad(i::text, 26, '0'), $1, $2, 'user' || i || '@scale.test', 'user' || i || '@scale.test', 'Given' || i, 'Family' || i, 'Given' || i || ' Family' || i, '{}'
         FROM generate_series(1, 20000) i`,
      [dir.organizationId, dir.directoryId],
    );
    await sql.execute(`ANALYZE "DirectoryUser"`);
    const query = searchDirectoryUsersQuery({ ...dir, q: "zebedee", limit: 50 });
    const plan = (await sql.query<{ "QUERY PLAN": string }>(`EXPLAIN (COSTS OFF) ${query.text}`, query.params)).map((r) => r["QUERY PLAN"]).join("\n");
    expect(plan).toContain("DirectoryUser_search_idx");
    expect((await searchDirectoryUsers({ ...dir, q: "Family19999", limit: 10 })).data.map((u) => u.userName)).toEqual(["user19999@scale.test"]);
  }, 60_000);
});
