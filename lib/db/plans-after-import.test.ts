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

/** GET /Users?filter=…, as the SCIM route runs it: in a request's scope, so its statement is prepared by name. */
function lookUp(directoryId: string, filter: string) {
  const query = listQuerySchema.parse({ filter });
  return withStatementTimeout(STATEMENT_TIMEOUT_MS, () => listUsers({ directoryId, query, withGroups: false }));
}

/** The plan the connection's cached statement whose text contains `text` (lib/db/sql.ts named it) now runs with `args`. */
async function planOfCached(text: string, args: unknown[]): Promise<string> {
  return withStatementTimeout(STATEMENT_TIMEOUT_MS, async () => {
    const connection = await getPool().connect();
    try {
      const { rows: statements } = await connection.query<{ name: string }>(
        `SELECT name FROM pg_prepared_statements WHERE strpos(statement, $1) > 0`, [text]);
      expect(statements, "the lookup ran as one named statement on this connection").toHaveLength(1);
      const values = args.map((a) => (typeof a === "number" ? String(a) : `'${String(a)}'`)).join(", ");
      const { rows } = await connection.query<{ "QUERY PLAN": string }>(`EXPLAIN EXECUTE ${statements[0]!.name}(${values})`);
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    } finally {
      connection.release();
    }
  });
}

/** Users `from`..`to` of a directory, inserted as one import would. */
async function importUsers(client: pg.Client, directoryId: string, from: number, to: number) {
  await client.query(`INSERT INTO "DirectoryUser" (id, "organizationId", "directoryId", "userName", "externalId", email, active, attributes, "updatedAt")
                      SELECT 'usr_' || $1 || '_' || i, 'org_plan', $1, 'user' || i || '@example.com', 'ext-' || i, 'user' || i || '@example.com', true, '{}', now()
                        FROM generate_series($2::int, $3::int) i`, [directoryId, from, to]);
}

/**
 * Two directories of one organisation: `old` with 300 users that ANALYZE has seen; `imported`, on which this
 * connection's lookup `filterOf(i)` has settled on a plan while it was empty, as a provider's first sync does (it looks
 * each user up before creating it), and which then gets 2,000 users in one import.
 */
async function importAfterLookups(client: pg.Client, [old, imported]: [string, string], filterOf: (i: number) => string) {
  await client.query(`INSERT INTO "Organization" (id, slug, name, "updatedAt") VALUES ('org_plan', 'plan', 'Plan', now()) ON CONFLICT DO NOTHING`);
  await client.query(`INSERT INTO "Directory" (id, "organizationId", name, provider, "updatedAt")
                      VALUES ($1, 'org_plan', $1, 'entra', now()), ($2, 'org_plan', $2, 'entra', now())`, [old, imported]);
  await importUsers(client, old, 1, 300);
  await client.query(`ANALYZE "DirectoryUser"`);
  for (let i = 0; i < 8; i++) expect((await lookUp(imported, filterOf(i))).totalResults).toBe(0);
  await importUsers(client, imported, 1, 2000);
}

// Issue 13: bench:scim saw every `userName eq` lookup of a directory just imported read all of its 2,000 users by the
// (directoryId, id) index, when such lookups still went through the general list (lib/directory/query-resources.ts).
// The statistics of that moment had not seen the directory (it was not among the most common values, so the planner
// took it for one row, and any index of "directoryId" would do), and the plans made from them stay cached on pooled
// connections until ANALYZE replaces them. The embedded PostgreSQL wakes autovacuum every 10 s
// (lib/db/embedded-postgres.ts), not every 60: soon after an import, the same prepared list probes the right index.
// The general list still answers every other filter, such as the `externalId eq` below.
describe("a lookup prepared before its directory's import", () => {
  it("finds its page by the (directoryId, externalId) index and reads no table whole, within 40 s of an import of 2,000 users", { timeout: 90_000 }, async () => {
    const client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
    try {
      // A provider that matches users by externalId.
      await importAfterLookups(client, ["dir_old", "dir_new"], (i) => `externalId eq "nobody-${i}"`);
      const importedAt = Date.now();
      expect((await lookUp("dir_new", 'externalId eq "ext-1999"')).users).toHaveLength(1);
      // The page is found by the externalId index, and no part of the statement reads the table from end to end.
      const usesIndexes = (plan: string) =>
        /Index (Only )?Scan using "DirectoryUser_directoryId_externalId_idx" on "DirectoryUser" u_2\s+\(cost[^\n]*\n\s+Index Cond: \(\("directoryId" = [^)]+\) AND \("externalId" = /.test(plan)
        && !plan.includes(`Seq Scan on "DirectoryUser"`);
      const plan = () => planOfCached(`FROM "DirectoryUser" u WHERE u."directoryId" = $1 AND (`, ["dir_new", "ext-1999", 100, 0]);
      let seen = await plan();
      while (!usesIndexes(seen) && Date.now() - importedAt < 40_000) {
        await new Promise((r) => setTimeout(r, 250));
        seen = await plan();
      }
      expect(usesIndexes(seen), `${((Date.now() - importedAt) / 1000).toFixed(1)} s after the import:\n${seen}`).toBe(true);
    } finally {
      await client.end();
    }
  });

  // Issue 13: `userName eq`, an identity provider's lookup before each create, is one probe of the (directoryId,
  // userName) unique index (lib/directory/look-up-user-name.ts). Equality on every column of a unique index is one row
  // whatever the statistics, so its plan needs no ANALYZE: here autovacuum is off, and the statistics never see the import.
  it("finds a user by userName through the unique index at once after an import, with statistics that never saw it", { timeout: 60_000 }, async () => {
    const client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
    try {
      await client.query(`ALTER TABLE "DirectoryUser" SET (autovacuum_enabled = false)`);
      await importAfterLookups(client, ["dir_old2", "dir_new2"], (i) => `userName eq "nobody${i}@example.com"`);
      expect((await lookUp("dir_new2", 'userName eq "user1999@example.com"')).users).toHaveLength(1);
      const plan = await planOfCached(`FROM "DirectoryUser" WHERE "directoryId" = $1 AND "userName" = $2::citext`, ["dir_new2", "user1999@example.com"]);
      expect(plan).toMatch(/Index Scan using "DirectoryUser_directoryId_userName_key" on "DirectoryUser"\s+\(cost[^\n]*\n\s+Index Cond: \(\("directoryId" = [^)]+\) AND \("userName" = /);
      expect(plan.match(/ on "DirectoryUser"/g), "the users' table is read once, by that probe").toHaveLength(1);
    } finally {
      await client.end();
    }
  });
});
