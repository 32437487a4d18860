import pg from "pg";
import type { Config } from "@/lib/config";
import { startEmbeddedPostgres, type RunningPostgres } from "./embedded-postgres";
import { findRunningEmbeddedPostgres } from "./find-running-embedded-postgres";
import { superviseEmbeddedPostgres, type SupervisedPostgresOptions } from "./supervise-embedded-postgres";

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
 * starting it for as long as this process needs it. With `supervise` (only `npm start` passes it), a server
 * started here is restarted whenever it dies (lib/db/supervise-embedded-postgres.ts).
 */
export async function openDatabase(
  cfg: Config,
  log?: (line: string) => void,
  { supervise }: { supervise?: Pick<SupervisedPostgresOptions, "report" | "onGiveUp"> } = {},
): Promise<RunningPostgres> {
  if (cfg.databaseUrl) {
    await assertReachable(cfg.databaseUrl);
    return { url: cfg.databaseUrl, stop: async () => {} };
  }
  let running: string | undefined;
  try {
    running = await findRunningEmbeddedPostgres(cfg.dataDir, { log: supervise?.report ?? log });
  } catch (err) {
    throw new DatabaseUnreachableError(err instanceof Error ? err.message : String(err));
  }
  if (running) return { url: running, stop: async () => {} };
  const options = { dataDir: cfg.dataDir, port: cfg.embeddedPgPort, log };
  return supervise ? superviseEmbeddedPostgres({ ...options, ...supervise }) : startEmbeddedPostgres(options);
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
