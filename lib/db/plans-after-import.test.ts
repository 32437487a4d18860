import pg from "pg";
import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/lib/testing/test-database";

const databaseUrl = setupTestDatabase();

// A SCIM `userName eq` lookup as lib/directory/query-resources.ts writes it (without its sync-log entry), prepared
// by name as lib/db/sql.ts prepares every statement of a SCIM request, so that its plan stays cached on the connection.
const LOOKUP = `WITH page AS (
    SELECT u."id" FROM "DirectoryUser" u WHERE u."directoryId" = $1 AND (u."userName" = $2::citext) ORDER BY u."directoryId", u."id" LIMIT $3 OFFSET $4
  ), counted AS (
    SELECT count(*)::int AS "total" FROM "DirectoryUser" u WHERE u."directoryId" = $1 AND (u."userName" = $2::citext)
  )
  SELECT u."id", u."attributes", counted."total" FROM counted
    LEFT JOIN "DirectoryUser" u ON u."directoryId" = $1 AND u."id" = ANY(ARRAY(SELECT "id" FROM page))
   ORDER BY u."directoryId", u."id"`;

async function planOf(client: pg.Client, directoryId: string, userName: string): Promise<string> {
  const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN EXECUTE lookup('${directoryId}', '${userName}', 100, 0)`);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

/** Users `from`..`to` of a directory, inserted as one import would. */
async function importUsers(client: pg.Client, directoryId: string, from: number, to: number) {
  await client.query(`INSERT INTO "DirectoryUser" (id, "organizationId", "directoryId", "userName", email, active, attributes, "updatedAt")
                      SELECT 'usr_' || $1 || i, 'org_plan', $1, 'user' || i || '@example.com', 'user' || i || '@example.com', true, '{}', now()
                        FROM generate_series($2::int, $3::int) i`, [directoryId, from, to]);
}

// Issue 13: bench:scim saw every `userName eq` lookup of a directory just imported read all of its 2,000 users by the
// (directoryId, id) index. The statistics of that moment had not seen the directory (it was not among the most common
// values, so the planner took it for one row, and any index of "directoryId" would do), and the plans made from them
// stay cached on pooled connections until ANALYZE replaces them. The embedded PostgreSQL wakes autovacuum every 10 s
// (lib/db/embedded-postgres.ts), not every 60: soon after an import, the same prepared lookup probes the userName index.
describe("a lookup prepared before its directory's import", () => {
  it("finds its page by the (directoryId, userName) index and reads no table whole, within 40 s of an import of 2,000 users", { timeout: 90_000 }, async () => {
    const client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
    try {
      await client.query(`INSERT INTO "Organization" (id, slug, name, "updatedAt") VALUES ('org_plan', 'plan', 'Plan', now())`);
      await client.query(`INSERT INTO "Directory" (id, "organizationId", name, provider, "updatedAt")
                          VALUES ('dir_old', 'org_plan', 'Old', 'entra', now()), ('dir_new', 'org_plan', 'New', 'entra', now())`);
      // Another directory, already analyzed: the statistics know of it and not of the one imported next.
      await importUsers(client, "dir_old", 1, 300);
      await client.query(`ANALYZE "DirectoryUser"`);
      await client.query(`PREPARE lookup(text, text, int, int) AS ${LOOKUP}`);
      for (let i = 0; i < 8; i++) await client.query(`EXECUTE lookup('dir_new', 'nobody${i}@example.com', 100, 0)`);

      await importUsers(client, "dir_new", 1, 2000);
      const importedAt = Date.now();
      // The page is found by the userName index, and no part of the statement reads the table from end to end.
      const usesIndexes = (plan: string) =>
        /Index (Only )?Scan using "DirectoryUser_directoryId_userName_key" on "DirectoryUser" u_2\s+\(cost[^\n]*\n\s+Index Cond: \(\("directoryId" = [^)]+\) AND \("userName" = /.test(plan)
        && !plan.includes(`Seq Scan on "DirectoryUser"`);
      let plan = await planOf(client, "dir_new", "user1999@example.com");
      while (!usesIndexes(plan) && Date.now() - importedAt < 40_000) {
        await new Promise((r) => setTimeout(r, 250));
        plan = await planOf(client, "dir_new", "user1999@example.com");
      }
      expect(usesIndexes(plan), `${((Date.now() - importedAt) / 1000).toFixed(1)} s after the import:\n${plan}`).toBe(true);
    } finally {
      await client.end();
    }
  });
});
