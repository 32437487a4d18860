// `npm start`: validates the configuration, opens the database (embedded PostgreSQL unless DATABASE_URL is
// set), applies pending migrations, builds the app if the build is missing or stale, then runs Next.js.
// SIGINT and SIGTERM stop Next.js first, then the embedded PostgreSQL, so no connection is cut mid-write.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { scheduleSyncLogPruning } from "@/lib/audit/schedule-sync-log-pruning";
import { config, ConfigError } from "@/lib/config";
import { disconnectDb } from "@/lib/db/client";
import { migrate, MigrationError } from "@/lib/db/migrate";
import { DatabaseUnreachableError, openDatabase } from "@/lib/db/open-database";
import { startWorker, type RunningWorker } from "@/lib/worker/start-worker";
import { ensureBuild } from "./ensure-build";

const dev = process.argv.includes("--dev");
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

function log(line: string) {
  process.stdout.write(`[rollcall] ${line}\n`);
}

async function main() {
  const cfg = config();
  const database = await openDatabase(cfg, (line) => {
    if (cfg.logLevel === "debug") log(`postgres: ${line}`);
  });
  let stopping = false;
  const children: { next?: ChildProcess; worker?: RunningWorker } = {};

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const next = children.next;
    if (next && next.exitCode === null) {
      const exited = new Promise((resolve) => next.once("exit", resolve));
      next.kill("SIGTERM");
      await exited;
    }
    await children.worker?.stop();
    await disconnectDb();
    await database.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    const { applied, total } = await migrate(database.url, { log });
    log(`Database ready: ${total} migrations, ${applied.length} applied now`);
    if (!dev) await ensureBuild(log);
    // Webhook delivery runs here, beside the Next.js process and never inside a request, so a slow endpoint
    // cannot slow SCIM down. `npm run worker` runs more of it on other hosts.
    process.env.DATABASE_URL = database.url;
    children.worker = await startWorker({ databaseUrl: database.url, log: (line) => log(`worker: ${line}`), verbose: cfg.logLevel === "debug" });
    scheduleSyncLogPruning({ retentionDays: cfg.syncLogRetentionDays, log });
  } catch (err) {
    await children.worker?.stop();
    await disconnectDb();
    await database.stop();
    throw err;
  }

  const next = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "--port", String(cfg.port)], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: database.url, APP_URL: cfg.appUrl, PORT: String(cfg.port) },
  });
  children.next = next;
  next.once("exit", (code) => {
    if (!stopping) {
      log(`Next.js exited with code ${code ?? "null"}; stopping`);
      void shutdown(code ?? 1);
    }
  });
  log(`Rollcall is starting at ${cfg.appUrl}`);
}

main().catch((err: unknown) => {
  // Operators get one line that names what is wrong; a stack trace helps no one here.
  const known = err instanceof ConfigError || err instanceof MigrationError || err instanceof DatabaseUnreachableError;
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`${known ? message : `Rollcall could not start: ${message}`}\n`);
  process.exit(1);
});
