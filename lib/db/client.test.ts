// Issue 12, item 17: a connection cut while it is checked out of the pool (the server crashed or restarted)
// fails the work on it, and nothing else: no uncaught "error" event, and the pool serves the next request.
import { describe, expect, it } from "vitest";
import { queryOnce } from "@/lib/testing/query-once";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { getDb, getPool } from "./client";
import { sql, transaction } from "./sql";
import { withStatementTimeout } from "./statement-timeout";

const url = setupTestDatabase();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Ends the backend behind a connection from outside, as a crashing server does, and waits for the news to arrive. */
async function cut(pid: number) {
  await queryOnce(url(), "SELECT pg_terminate_backend($1)", [pid]);
  await sleep(300);
}

describe("a checked-out connection whose server goes away", () => {
  it("fails the transaction on it (lib/db/sql.ts), and the pool answers the next query", async () => {
    const work = transaction(async (tx) => {
      const [me] = await tx.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      await cut(me!.pid); // between two statements: the client is idle but checked out
      await tx.query("SELECT 1");
    });
    await expect(work).rejects.toThrow(/connection/i);
    expect(await sql.query("SELECT 1 AS one")).toEqual([{ one: 1 }]);
  });

  it("fails a Prisma interactive transaction, and Prisma answers the next query", async () => {
    const work = getDb().$transaction(async (tx) => {
      const [me] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
      await cut(me!.pid);
      await tx.$queryRaw`SELECT 1`;
    });
    await expect(work).rejects.toThrow();
    expect(await getDb().$queryRaw<{ one: number }[]>`SELECT 1 AS one`).toEqual([{ one: 1 }]);
  });

  it("does not throw from a client held with pool.connect(); release drops it and the pool opens a new one", async () => {
    const client = await getPool().connect();
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    await cut(rows[0]!.pid);
    await expect(client.query("SELECT 1")).rejects.toThrow();
    client.release(true);
    const [again] = await sql.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    expect(again!.pid).not.toBe(rows[0]!.pid);
  });
});

// Issue 13: an identity provider's pushes come in bursts minutes apart. With pg's default (idle connections closed
// after 10 s), each burst began on new connections that prepared and planned every statement again: bursts of 10
// lookups 12 s apart cost 4.4 ms of PostgreSQL per request, against 2.4 ms on connections kept between them.
describe("an idle connection", () => {
  it("is kept for the next burst 12 s later, with what it prepared, in the SCIM request's pool too", { timeout: 30_000 }, async () => {
    const pids = async () => {
      const [plain] = await sql.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      const [scim] = await withStatementTimeout(5_000, () => sql.query<{ pid: number }>("SELECT pg_backend_pid() AS pid /* idle test */"));
      return [plain!.pid, scim!.pid];
    };
    const before = await pids();
    await sleep(12_000);
    expect(await pids()).toEqual(before);
    const [prepared] = await withStatementTimeout(5_000, () =>
      sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE '%/* idle' || ' test */%'`));
    expect(prepared!.n).toBe(1);
  });
});
