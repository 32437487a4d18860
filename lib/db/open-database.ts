import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import type { Config } from "@/lib/config";
import { startEmbeddedPostgres, type RunningPostgres } from "./embedded-postgres";

/** The database cannot be reached; the message is one line, without the password. */
export class DatabaseUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseUnreachableError";
  }
}

/**
 * The database this process should use: DATABASE_URL when set; otherwise the embedded PostgreSQL under
 * DATA_DIR, reusing the one `npm start` already runs (so that the CLI works beside the server) or
 * starting it for as long as this process needs it.
 */
export async function openDatabase(cfg: Config, log?: (line: string) => void): Promise<RunningPostgres> {
  if (cfg.databaseUrl) {
    await assertReachable(cfg.databaseUrl);
    return { url: cfg.databaseUrl, stop: async () => {} };
  }
  const running = await findRunningEmbeddedPostgres(cfg.dataDir);
  if (running) return { url: running, stop: async () => {} };
  return startEmbeddedPostgres({ dataDir: cfg.dataDir, port: cfg.embeddedPgPort, log });
}

async function findRunningEmbeddedPostgres(dataDir: string): Promise<string | undefined> {
  const pidFile = path.join(dataDir, "postgres", "postmaster.pid");
  const credentialsFile = path.join(dataDir, "postgres.json");
  if (!existsSync(pidFile) || !existsSync(credentialsFile)) return undefined;
  // postmaster.pid: line 1 is the PID, line 4 the port (PostgreSQL's documented layout).
  const lines = (await readFile(pidFile, "utf8")).split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port || !isAlive(pid)) return undefined;
  const { user, password } = JSON.parse(await readFile(credentialsFile, "utf8")) as { user: string; password: string };
  return `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/rollcall`;
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function assertReachable(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (err) {
    const where = describeTarget(url);
    const reason = err instanceof Error && "code" in err && err.code ? String(err.code) : err instanceof Error ? err.message : String(err);
    throw new DatabaseUnreachableError(`Cannot reach the database at ${where}: ${reason}`);
  } finally {
    await client.end().catch(() => {});
  }
}

function describeTarget(url: string) {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return "DATABASE_URL";
  }
}
