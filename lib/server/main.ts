// `npm start`: validates the configuration, opens the database (embedded PostgreSQL unless DATABASE_URL is
// set), applies pending migrations, builds the app if the build is missing or stale, then runs Next.js.
// SIGINT and SIGTERM stop Next.js first, then the embedded PostgreSQL, so no connection is cut mid-write.
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { config, ConfigError } from "@/lib/config";
import { disconnectDb } from "@/lib/db/client";
import { migrate, MigrationError } from "@/lib/db/migrate";
import { takeOverShutdownSignals } from "@/lib/db/embedded-postgres";
import { DatabaseUnreachableError, openDatabase } from "@/lib/db/open-database";
import { ensureBuild } from "./ensure-build";

const dev = process.argv.includes("--dev");
const ROOT = path.resolve(import.meta.dirname, "../..");

function log(line: string) {
  process.stdout.write(`[rollcall] ${line}\n`);
}

async function main() {
  const cfg = config();
  const database = await openDatabase(
    cfg,
    (line) => {
      if (cfg.logLevel === "debug") log(`postgres: ${line}`);
    },
    // An embedded PostgreSQL that dies is restarted with backoff; one that cannot be restarted stops us with 1.
    { supervise: { report: log, onGiveUp: () => void shutdown(1) } },
  );
  let stopping = false;
  const children: { next?: ChildProcess; worker?: ChildProcess } = {};

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.all([stopChild(children.next), stopChild(children.worker)]);
    await disconnectDb();
    await database.stop();
    process.exit(code);
  };
  takeOverShutdownSignals();
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    const { applied, total } = await migrate(database.url, { log });
    log(`Database ready: ${total} migrations, ${applied.length} applied now`);
    if (!dev) await ensureBuild(log);
  } catch (err) {
    await disconnectDb();
    await database.stop();
    throw err;
  }

  // next-server.mjs, not `next start`: it decides the client's address from the socket and the trusted proxies.
  const next = spawn(process.execPath, [path.join(ROOT, "lib/server/next-server.mjs"), ...(dev ? ["--dev"] : [])], {
    stdio: "inherit",
    env: {
      ...process.env,
      NODE_ENV: dev ? "development" : "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: database.url,
      // Names this process's connections in pg_stat_activity (node-postgres reads PGAPPNAME), so that an operator, or
      // bench:scim, can tell the server's backends from the worker's.
      PGAPPNAME: process.env.PGAPPNAME ?? "rollcall server",
      APP_URL: cfg.appUrl,
      PORT: String(cfg.port),
      TRUSTED_PROXY_HOPS: String(cfg.trustedProxyHops),
    },
  });
  children.next = next;
  next.once("exit", (code) => {
    if (!stopping) {
      log(`Next.js exited with code ${code ?? "null"}; stopping`);
      void shutdown(code ?? 1);
    }
  });
  startWorkerProcess(database.url, children, () => stopping);
  log(`Rollcall is starting at ${cfg.appUrl}`);
}

/** Waits before restarting a worker that died, by how many times in a row it died young. */
const WORKER_RESTART_DELAYS_MS = [500, 1000, 2000, 5000, 10_000, 30_000];
/** A worker that ran this long was not crash-looping: its next death restarts it after the first delay. */
const WORKER_STABLE_AFTER_MS = 60_000;

/**
 * Webhook delivery (and sync-log pruning) runs in its own process, `npm run worker`'s, at a lower CPU
 * priority: deliveries are asynchronous and can lag under load, SCIM requests cannot. It restarts if it dies,
 * at once the first time (the deliveries it had in flight go out again within seconds, issue 12), then with
 * backoff while it keeps dying.
 */
function startWorkerProcess(databaseUrl: string, children: { worker?: ChildProcess }, stopping: () => boolean, deaths = 0) {
  const startedAt = Date.now();
  const worker = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "lib/worker/main.ts")], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: databaseUrl, PGAPPNAME: process.env.PGAPPNAME ?? "rollcall worker" },
  });
  children.worker = worker;
  if (worker.pid) {
    try {
      os.setPriority(worker.pid, 19);
    } catch {
      // Not permitted here: it still works, only without the lower priority.
    }
  }
  worker.once("exit", (code, signal) => {
    if (stopping()) return;
    const inARow = Date.now() - startedAt >= WORKER_STABLE_AFTER_MS ? 0 : deaths;
    const delay = WORKER_RESTART_DELAYS_MS[Math.min(inARow, WORKER_RESTART_DELAYS_MS.length - 1)]!;
    log(`The webhook worker exited with ${signal ? `signal ${signal}` : `code ${code ?? "null"}`}; restarting it in ${delay} ms`);
    setTimeout(() => !stopping() && startWorkerProcess(databaseUrl, children, stopping, inARow + 1), delay).unref();
  });
}

async function stopChild(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

main().catch((err: unknown) => {
  // Operators get one line that names what is wrong; a stack trace helps no one here.
  const known = err instanceof ConfigError || err instanceof MigrationError || err instanceof DatabaseUnreachableError;
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`${known ? message : `Rollcall could not start: ${message}`}\n`);
  process.exit(1);
});
