import type pg from "pg";
import { getPool } from "./client";

/** Plain SQL with bound parameters: the pool itself, or one transaction's connection. */
export type Sql = {
  /**
   * `name` makes it a named prepared statement: PostgreSQL parses and plans it once per connection instead of on
   * every call. Only for fixed text on hot paths (one name, one text, always): a name given to text built from a
   * request would grow every connection's cache without bound, and one name with two texts is an error.
   */
  query<T extends object = Record<string, unknown>>(text: string, params?: unknown[], name?: string): Promise<T[]>;
  /** Rows affected, for INSERT/UPDATE/DELETE. */
  execute(text: string, params?: unknown[], name?: string): Promise<number>;
};

function over(queryable: pg.Pool | pg.PoolClient): Sql {
  const run = <T extends pg.QueryResultRow>(text: string, values: unknown[], name?: string) =>
    name === undefined ? queryable.query<T>(text, values) : queryable.query<T>({ name, text, values });
  return {
    query: async <T extends object>(text: string, params: unknown[] = [], name?: string) => (await run<T & pg.QueryResultRow>(text, params, name)).rows as T[],
    execute: async (text, params = [], name) => (await run(text, params, name)).rowCount ?? 0,
  };
}

/** Statements outside a transaction, on the shared pool. */
export const sql: Sql = {
  query: (text, params, name) => over(getPool()).query(text, params, name),
  execute: (text, params, name) => over(getPool()).execute(text, params, name),
};

/** Runs `fn` in one transaction on one connection: committed if it returns, rolled back if it throws. */
export async function transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
  const client = await getPool().connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    const result = await fn(over(client));
    await client.query("COMMIT");
    return result;
  } catch (err) {
    // A connection that cannot even roll back is dropped rather than handed to the next request.
    await client.query("ROLLBACK").catch(() => (broken = true));
    throw err;
  } finally {
    client.release(broken);
  }
}
