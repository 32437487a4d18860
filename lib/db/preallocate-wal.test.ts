// Issue 13: a new embedded cluster makes its first WAL files at start-up (lib/db/embedded-postgres.ts), so that an
// install's first sync does not stall every commit while PostgreSQL zero-fills a new 16 MB file.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type RunningPostgres } from "./embedded-postgres";
import { freePort } from "@/lib/testing/free-port";

let dataDir: string;
let port: number;
let running: RunningPostgres | undefined;

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The names of the cluster's WAL files. */
const walFiles = (client: pg.Client) =>
  client.query<{ name: string }>(`SELECT name FROM pg_ls_waldir() WHERE name ~ '^[0-9A-F]{24}$' ORDER BY name`).then((r) => r.rows.map((row) => row.name));

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "rollcall-wal-"));
  await chmod(dataDir, 0o755);
  port = await freePort();
});

afterAll(async () => {
  await running?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("a new embedded PostgreSQL", () => {
  it("has 16 WAL files ready at start, and writes 48 MB of WAL without making a new one", { timeout: 120_000 }, async () => {
    running = await startEmbeddedPostgres({ dataDir, port });
    const ready = await withClient(running.url, walFiles);
    expect(ready.length).toBeGreaterThanOrEqual(16);

    await withClient(running.url, async (client) => {
      const { rows: [start] } = await client.query<{ lsn: string }>(`SELECT pg_current_wal_lsn()::text AS lsn`);
      // Three files' worth of WAL and more, as rows a sync would write: each file is used up and the next one taken.
      await client.query(`CREATE TABLE wal_filler (id int, body text)`);
      for (let i = 0; i < 4; i++) {
        await client.query(`INSERT INTO wal_filler SELECT g, repeat(md5(g::text), 32) FROM generate_series(1, 14000) g`);
      }
      const { rows: [written] } = await client.query<{ mb: number }>(`SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)::float8 / 2^20 AS mb`, [start!.lsn]);
      expect(written!.mb).toBeGreaterThan(48);
      // The files in use now are among those made at start-up (renamed for reuse): none was added.
      expect((await walFiles(client)).length).toBe(ready.length);
    });
  });

  it("does not make them again when it starts on the same directory", { timeout: 60_000 }, async () => {
    const fileInUse = (client: pg.Client) => client.query<{ name: string }>(`SELECT pg_walfile_name(pg_current_wal_lsn()) AS name`).then((r) => r.rows[0]!.name);
    const before = await withClient(running!.url, fileInUse);
    await running!.stop();
    running = await startEmbeddedPostgres({ dataDir, port });
    const after = await withClient(running.url, fileInUse);
    // Sixteen switches would have moved sixteen files on; a restart moves at most one.
    expect(parseInt(after.slice(-8), 16) - parseInt(before.slice(-8), 16)).toBeLessThanOrEqual(1);
    expect((await withClient(running.url, walFiles)).length).toBeGreaterThanOrEqual(16);
  });
});
