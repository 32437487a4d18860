// Issue 13: a new embedded cluster makes its first WAL files at start-up (lib/db/embedded-postgres.ts), so that an
// install's first sync does not stall every commit while PostgreSQL zero-fills a new 16 MB file.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type RunningPostgres } from "./embedded-postgres";
import { freePort } from "@/lib/testing/free-port";
import { queryOnce } from "@/lib/testing/query-once";

let dataDir: string;
let port: number;
let running: RunningPostgres | undefined;

/** The names of the cluster's WAL files. */
const walFiles = async (url: string) =>
  (await queryOnce<{ name: string }>(url, `SELECT name FROM pg_ls_waldir() WHERE name ~ '^[0-9A-F]{24}$' ORDER BY name`)).map((row) => row.name);

/** The WAL file being written now. */
const fileInUse = async (url: string) => (await queryOnce<{ name: string }>(url, `SELECT pg_walfile_name(pg_current_wal_lsn()) AS name`))[0]!.name;

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
    const { url } = running;
    const ready = await walFiles(url);
    expect(ready.length).toBeGreaterThanOrEqual(16);

    const [start] = await queryOnce<{ lsn: string }>(url, `SELECT pg_current_wal_lsn()::text AS lsn`);
    // Three files' worth of WAL and more, as rows a sync would write: each file is used up and the next one taken.
    await queryOnce(url, `CREATE TABLE wal_filler (id int, body text)`);
    for (let i = 0; i < 4; i++) {
      await queryOnce(url, `INSERT INTO wal_filler SELECT g, repeat(md5(g::text), 32) FROM generate_series(1, 14000) g`);
    }
    const [written] = await queryOnce<{ mb: number }>(url, `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)::float8 / 2^20 AS mb`, [start!.lsn]);
    expect(written!.mb).toBeGreaterThan(48);
    // The files in use now are among those made at start-up (renamed for reuse): none was added.
    expect((await walFiles(url)).length).toBe(ready.length);
  });

  it("does not make them again when it starts on the same directory", { timeout: 60_000 }, async () => {
    const before = await fileInUse(running!.url);
    await running!.stop();
    running = await startEmbeddedPostgres({ dataDir, port });
    const after = await fileInUse(running.url);
    // Sixteen switches would have moved sixteen files on; a restart moves at most one.
    expect(parseInt(after.slice(-8), 16) - parseInt(before.slice(-8), 16)).toBeLessThanOrEqual(1);
    expect((await walFiles(running.url)).length).toBeGreaterThanOrEqual(16);
  });
});
