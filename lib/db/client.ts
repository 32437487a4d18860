import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/client";
import { statementTimeoutInScope } from "./statement-timeout";

export type { Prisma } from "./generated/client";
/** A client or an interactive transaction: domain functions accept either, so callers can compose them. */
export type DbTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/**
 * Issue 13: how long an idle connection is kept. An identity provider pushes in bursts minutes apart; with pg's
 * default of 10 s each burst began on new connections, which authenticate, load the catalog and prepare and plan
 * every SCIM statement again (lib/db/sql.ts). Measured, bursts of 10 lookups 12 s apart: 4.4–5.6 ms of PostgreSQL and
 * 5.8–6.6 ms of server CPU per request, against 2.0–2.4 and 4.8–5.1 on connections kept. A pool keeps at most as
 * many as it needed at once (DATABASE_POOL_SIZE).
 */
const IDLE_CONNECTION_MS = 5 * 60_000;

function createPool(statementTimeoutMs?: number): pg.Pool {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: start Rollcall with `npm start`, which provides it.");
  const pool = new pg.Pool({
    connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 20), idleTimeoutMillis: IDLE_CONNECTION_MS,
    ...(statementTimeoutMs !== undefined && {
      statement_timeout: statementTimeoutMs,
      // Only SCIM requests run on these (lib/http/with-scim-directory.ts), and their wrapper wakes the webhook
      // dispatcher itself once the request is done: the "Event" trigger then sends no NOTIFY inside their
      // transactions, which would serialise their commits (lib/events/wake-event-dispatcher.ts).
      options: "-c rollcall.wake_dispatcher=caller",
    }),
  });
  // An idle connection dropped by the server (a restart, a failover) must not take the process down with it:
  // the pool discards it and opens a new one on the next query.
  pool.on("error", (err) => console.error(`Database connection lost: ${err.message}`));
  // The pool listens only to idle clients. A client checked out (inside lib/db/sql.ts's transaction(), or
  // anyone's pool.connect()) that loses its server emits "error" too, and an EventEmitter with no listener
  // throws that as an uncaught exception, killing the worker or Next.js. The query in progress, or the next
  // one, fails with the same error, and release() drops the broken client, so the listener need do nothing.
  pool.on("connect", (client) => client.on("error", () => {}));
  return pool;
}

// One client per process, created on first use: the CLI sets DATABASE_URL after its imports have run,
// and `next build` imports route modules without a database. Kept on globalThis so that dev-mode module
// reloads don't open a new pool each time. It holds connections only, never a tenant.
const holder = globalThis as unknown as {
  __rollcallDb?: PrismaClient; __rollcallPool?: pg.Pool; __rollcallBoundedPools?: Map<number, pg.Pool>;
  __rollcallOnDisconnect?: Set<() => Promise<void>>;
};

/** Runs `close` when disconnectDb does: for connections of a module's own (a LISTEN), so that they end with the pools. */
export function closeWithDb(close: () => Promise<void>) {
  (holder.__rollcallOnDisconnect ??= new Set()).add(close);
}

/**
 * The process's connection pool. Prisma runs on it, and so do the hot SCIM paths in plain SQL (lib/db/sql.ts),
 * which skip Prisma's per-query and per-transaction overhead where an identity provider's sync spends its time.
 */
export function getPool(): pg.Pool {
  // Inside a SCIM request: connections whose every statement PostgreSQL cancels past the request's timeout.
  const timeout = statementTimeoutInScope();
  if (timeout !== undefined) return boundedPool(timeout);
  holder.__rollcallPool ??= createPool();
  return holder.__rollcallPool;
}

function boundedPool(statementTimeoutMs: number): pg.Pool {
  holder.__rollcallBoundedPools ??= new Map();
  let pool = holder.__rollcallBoundedPools.get(statementTimeoutMs);
  if (!pool) holder.__rollcallBoundedPools.set(statementTimeoutMs, (pool = createPool(statementTimeoutMs)));
  return pool;
}

export function getDb(): PrismaClient {
  // Prisma keeps the pool it is given: always the unbounded one, whichever request first asks for it.
  holder.__rollcallDb ??= new PrismaClient({ adapter: new PrismaPg((holder.__rollcallPool ??= createPool())) });
  return holder.__rollcallDb;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getDb();
    const value = Reflect.get(client, property, client) as unknown;
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(client) : value;
  },
});

export async function disconnectDb() {
  const client = holder.__rollcallDb;
  const pool = holder.__rollcallPool;
  const bounded = [...(holder.__rollcallBoundedPools?.values() ?? [])];
  holder.__rollcallDb = undefined;
  holder.__rollcallPool = undefined;
  holder.__rollcallBoundedPools = undefined;
  const others = [...(holder.__rollcallOnDisconnect ?? [])];
  holder.__rollcallOnDisconnect = undefined;
  await Promise.all(others.map((close) => close()));
  await client?.$disconnect();
  await pool?.end();
  await Promise.all(bounded.map((p) => p.end()));
}
