import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The statement timeout of the work running now, if it has one: set for a SCIM request by its wrapper
 * (lib/http/with-scim-directory.ts), read by getPool() (lib/db/client.ts), which then hands out connections
 * opened with that `statement_timeout`. So every statement of the request, in a transaction or not, is bounded
 * by PostgreSQL itself, at no cost per query, and nothing else (the CLI, migrations, the worker) is.
 */
const scope = new AsyncLocalStorage<number>();

export function withStatementTimeout<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  return scope.run(ms, fn);
}

export function statementTimeoutInScope(): number | undefined {
  return scope.getStore();
}

/** PostgreSQL's query_canceled (57014) raised by statement_timeout, not by a cancel request. */
export function isStatementTimeout(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  return e?.code === "57014" && typeof e.message === "string" && e.message.includes("statement timeout");
}
