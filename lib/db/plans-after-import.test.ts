import pg from "pg";
import { describe, expect, it } from "vitest";
import { getPool } from "@/lib/db/client";
import { withStatementTimeout } from "@/lib/db/statement-timeout";
import { listUsers } from "@/lib/directory/list-users";
import { listQuerySchema } from "@/lib/scim/requests";
import { setupTestDatabase } from "@/lib/testing/test-database";

// One connection per pool: the lookups below, and the EXPLAIN of the statement they prepared, share it.
process.env.DATABASE_POOL_SIZE = "1";
const databaseUrl = setupTestDatabase();
const STATEMENT_TIMEOUT_MS = 10_000;

/** GET /Users?filter=userName eq "…", as the SCIM route runs it: in a request's scope, so its statement is prepared by name. */
function lookUp(directoryId: string, userName: string) {
  const query = listQuerySchema.parse({ filter: `userName eq "${userName}"` });
  return withStatementTimeout(STATEMENT_TIMEOUT_MS, () => listUsers({ directoryId, query, withGroups: false }));
}

/** The plan the connection's cached lookup statement (lib/db/sql.ts named it) now runs for `userName`. */
async function planOfCachedLookup(directoryId: string, userName: string): Promise<string> {
  return withStatementTimeout(STATEMENT_TIMEOUT_MS, async () => {
    const connection = await getPool().connect();
    try {
      const { rows: statements } = await connection.query<{ name: string }>(
        `SELECT name FROM pg_prepared_statements WHERE statement LIKE '%FROM "DirectoryUser" u WHERE u."directoryId" = $1 AND (%'`);
      expect(statements, "the lookup ran as one named statement on this connection").toHaveLength(1);
      const { rows } = await connection.query<{ "QUERY PLAN": string }>(
        `EXPLAIN EXECUTE ${statements[0]!.name}('${directoryId}', '${userName}', 100, 0)`);
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    } finally {
      connection.release();
    }
  });
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
      // An identity provider's first sync looks each user up before creating it: the connection settles on a plan.
      for (let i = 0; i < 8; i++) expect((await lookUp("dir_new", `nobody${i}@example.com`)).totalResults).toBe(0);

      await importUsers(client, "dir_new", 1, 2000);
      const importedAt = Date.now();
      expect((await lookUp("dir_new", "user1999@example.com")).users).toHaveLength(1);
      // The page is found by the userName index, and no part of the statement reads the table from end to end.
      const usesIndexes = (plan: string) =>
        /Index (Only )?Scan using "DirectoryUser_directoryId_userName_key" on "DirectoryUser" u_2\s+\(cost[^\n]*\n\s+Index Cond: \(\("directoryId" = [^)]+\) AND \("userName" = /.test(plan)
        && !plan.includes(`Seq Scan on "DirectoryUser"`);
      let plan = await planOfCachedLookup("dir_new", "user1999@example.com");
      while (!usesIndexes(plan) && Date.now() - importedAt < 40_000) {
        await new Promise((r) => setTimeout(r, 250));
        plan = await planOfCachedLookup("dir_new", "user1999@example.com");
      }
      expect(usesIndexes(plan), `${((Date.now() - importedAt) / 1000).toFixed(1)} s after the import:\n${plan}`).toBe(true);
    } finally {
      await client.end();
    }
  });
});
