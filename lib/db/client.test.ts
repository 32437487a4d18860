// Issue 12, item 17: a connection cut while it is checked out of the pool (the server crashed or restarted)
// fails the work on it, and nothing else: no uncaught "error" event, and the pool serves the next request.
import { describe, expect, it } from "vitest";
import { queryOnce } from "@/lib/testing/query-once";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { getDb, getPool } from "./client";
import { sql, transaction } from "./sql";

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
