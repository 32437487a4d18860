import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

export type { Prisma } from "./generated/client";
export type Db = PrismaClient;
/** A client or an interactive transaction: domain functions accept either, so callers can compose them. */
export type DbTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: start Rollcall with `npm start`, which provides it.");
  const adapter = new PrismaPg({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 20) });
  return new PrismaClient({ adapter });
}

// One client per process, created on first use: the CLI sets DATABASE_URL after its imports have run,
// and `next build` imports route modules without a database. Kept on globalThis so that dev-mode module
// reloads don't open a new pool each time. It holds connections only, never a tenant.
const holder = globalThis as unknown as { __rollcallDb?: PrismaClient };

export function getDb(): PrismaClient {
  holder.__rollcallDb ??= createClient();
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
  holder.__rollcallDb = undefined;
  await client?.$disconnect();
}
