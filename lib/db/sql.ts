import type pg from "pg";
import { getPool } from "./client";

/** Plain SQL with bound parameters: the pool itself, or one transaction's connection. */
export type Sql = {
  query<T extends object = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Rows affected, for INSERT/UPDATE/DELETE. */
  execute(text: string, params?: unknown[]): Promise<number>;
};

function over(queryable: pg.Pool | pg.PoolClient): Sql {
  return {
    query: async <T extends object>(text: string, params: unknown[] = []) => (await queryable.query<T & pg.QueryResultRow>(text, params)).rows as T[],
    execute: async (text, params = []) => (await queryable.query(text, params)).rowCount ?? 0,
  };
}

/** Statements outside a transaction, on the shared pool. */
export const sql: Sql = {
  query: (text, params) => over(getPool()).query(text, params),
  execute: (text, params) => over(getPool()).execute(text, params),
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
