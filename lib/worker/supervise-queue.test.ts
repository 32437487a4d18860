// Issue 12, item 17: the worker must ride out a database restart. graphile-worker 0.16 never replaces a job
// worker that "commits seppuku" (it could not release its job because the database went away), so a queue whose
// workers all died ran nothing again. Here every queue connection is cut while a job runs, as a kill -9 of
// PostgreSQL does, and a job added afterwards must still run.
import { Logger, type RunnerOptions } from "graphile-worker";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { superviseQueue } from "./start-worker";

const url = setupTestDatabase();

async function waitFor(what: string, check: () => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("the queue supervisor", () => {
  it("starts the queue again after its only job worker died with the database connection, and later jobs run", async () => {
    const lines: string[] = [];
    const ran: string[] = [];
    const admin = new pg.Client({ connectionString: url() });
    await admin.connect();
    const options: RunnerOptions = {
      connectionString: url(),
      concurrency: 1,
      maxPoolSize: 3,
      pollInterval: 200,
      noHandleSignals: true,
      gracefulShutdownAbortTimeout: 1000,
      logger: new Logger(() => () => undefined),
      taskList: {
        // Cuts the queue's connections (their last statement was one of graphile_worker's) while the job runs,
        // so the job cannot be released.
        cut: async () => {
          ran.push("cut");
          const { rows } = await admin.query<{ cut: boolean }>(
            `SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity
              WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE '%graphile_worker%'`,
          );
          expect(rows.length).toBeGreaterThan(0);
        },
        after: async () => {
          ran.push("after");
        },
      },
    };
    const queue = await superviseQueue(options, (line) => lines.push(line));
    try {
      await admin.query(`SELECT graphile_worker.add_job('cut', '{}'::json)`);
      await waitFor("the job worker to die and the queue to restart", () => lines.some((l) => l.includes("running again")));
      expect(lines.find((l) => l.includes("restarting the queue"))).toMatch(/a job worker stopped/);
      await admin.query(`SELECT graphile_worker.add_job('after', '{}'::json)`);
      await waitFor("the job added after the restart", () => ran.includes("after"));
    } finally {
      await queue.stop();
      await admin.end();
    }
    expect(ran).toContain("cut");
  });
});
