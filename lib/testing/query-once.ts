import pg from "pg";

/**
 * One statement on its own short-lived connection, for tests and tooling that look at a database other than
 * the app's pool's (another test database, the e2e server's, the server-level `postgres` database).
 */
export async function queryOnce<T extends pg.QueryResultRow = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}
