// `npm run worker`: delivers webhooks. Opens the same database as `npm start` (DATABASE_URL, or the embedded
// PostgreSQL of DATA_DIR), waits for its schema (it never migrates), and runs until SIGINT or SIGTERM, which
// let requests in flight finish before it exits.
import { scheduleSyncLogPruning } from "@/lib/audit/schedule-sync-log-pruning";
import { config, ConfigError } from "@/lib/config";
import { scheduleConnectionHealthChecks } from "@/lib/directory-health/check-connection-health";
import { disconnectDb } from "@/lib/db/client";
import { takeOverShutdownSignals } from "@/lib/db/embedded-postgres";
import { DatabaseUnreachableError, openDatabase } from "@/lib/db/open-database";
import { startWorker } from "./start-worker";
import { SchemaMissingError, waitForSchema } from "./wait-for-schema";

function log(line: string) {
  process.stdout.write(`[worker] ${line}\n`);
}

async function main() {
  const cfg = config();
  const database = await openDatabase(cfg);
  let worker: { stop(): Promise<void> } | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    try {
      await worker?.stop();
      await disconnectDb();
    } finally {
      await database.stop();
      process.exit(code);
    }
  };
  takeOverShutdownSignals();
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    process.env.DATABASE_URL = database.url;
    await waitForSchema(database.url);
    worker = await startWorker({ databaseUrl: database.url, concurrency: cfg.webhookConcurrency, log, verbose: cfg.logLevel === "debug" });
    scheduleSyncLogPruning({ retentionDays: cfg.syncLogRetentionDays, log });
    scheduleConnectionHealthChecks({ intervalMs: cfg.healthCheckIntervalSeconds * 1000, log });
  } catch (err) {
    await database.stop();
    throw err;
  }
  log("Delivering webhooks");
}

main().catch((err: unknown) => {
  const known = err instanceof ConfigError || err instanceof DatabaseUnreachableError || err instanceof SchemaMissingError;
  const message = err instanceof Error ? err.message.split("\n")[0] : String(err);
  process.stderr.write(`${known ? message : `The worker could not start: ${message}`}\n`);
  process.exit(1);
});
