import type pg from "pg";
import { getPool } from "./client";
import { statementTimeoutInScope } from "./statement-timeout";

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

/**
 * Issue 13: inside a SCIM request (the scope lib/http/with-scim-directory.ts opens) every statement is a named
 * prepared statement, so PostgreSQL parses and plans each text once per connection instead of on every request.
 * Planning was most of a read's database cost: "DirectoryUser" has 14 indexes (trigram ones among them) that the
 * planner weighs on every statement. Measured, backend CPU per call: GET one user 0.72 → 0.08 ms, with its sync-log
 * entry 1.48 → 0.51 ms; a `userName eq` lookup 1.86 → 0.68 ms.
 * Those texts are templates (every value a bound parameter: a filter's shape makes the text, its values do not), so
 * there are a few dozen. The registry still stops at MAX_PREPARED_TEXTS, so that a caller inventing ever new filter
 * shapes cannot grow every connection's statement cache: past it, new texts run unnamed, as everything did before.
 */
export const MAX_PREPARED_TEXTS = 200;
const preparedNames = new Map<string, string>();

function preparedName(text: string): string | undefined {
  let name = preparedNames.get(text);
  if (name === undefined && preparedNames.size < MAX_PREPARED_TEXTS) preparedNames.set(text, (name = `scim_${preparedNames.size + 1}`));
  return name;
}

function over(queryable: pg.Pool | pg.PoolClient, prepare: boolean): Sql {
  const run = <T extends pg.QueryResultRow>(text: string, values: unknown[], name = prepare ? preparedName(text) : undefined) =>
    name === undefined ? queryable.query<T>(text, values) : queryable.query<T>({ name, text, values });
  return {
    query: async <T extends object>(text: string, params: unknown[] = [], name?: string) => (await run<T & pg.QueryResultRow>(text, params, name)).rows as T[],
    execute: async (text, params = [], name) => (await run(text, params, name)).rowCount ?? 0,
  };
}

/** Statements outside a transaction, on the shared pool. */
export const sql: Sql = {
  query: (text, params, name) => over(getPool(), inScimRequest()).query(text, params, name),
  execute: (text, params, name) => over(getPool(), inScimRequest()).execute(text, params, name),
};

/** A SCIM request's statements run under its statement timeout (lib/db/statement-timeout.ts): that scope is theirs. */
function inScimRequest(): boolean {
  return statementTimeoutInScope() !== undefined;
}

/** Runs `fn` in one transaction on one connection: committed if it returns, rolled back if it throws. */
export async function transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
  const client = await getPool().connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    const result = await fn(over(client, inScimRequest()));
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
