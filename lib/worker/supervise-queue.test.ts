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

async function waitFor(what: string, check: () => boolean, log: string[], timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the supervisor logged: ${JSON.stringify(log)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("the queue supervisor", () => {
  it("starts the queue again after its only job worker died with the database connection, and later jobs run", async () => {
    const lines: string[] = [];
    const ran: string[] = [];
    const admin = new pg.Client({ connectionString: url() });
    await admin.connect();
    const adminPid = (await admin.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`)).rows[0]!.pid;
    const maintenance = new URL(url());
    maintenance.pathname = "/postgres";
    const server = new pg.Client({ connectionString: maintenance.toString() });
    await server.connect();
    const options: RunnerOptions = {
      connectionString: url(),
      concurrency: 1,
      maxPoolSize: 3,
      pollInterval: 200,
      noHandleSignals: true,
      gracefulShutdownAbortTimeout: 1000,
      logger: new Logger(() => () => undefined),
      taskList: {
        // Plays a kill -9 of PostgreSQL while the job runs: the database refuses new connections for a second
        // and every queue connection is cut, so the job cannot be released and its worker dies. (Cutting alone
        // was a race: the pool could hand the release a fresh connection, and nothing died.)
        cut: async () => {
          ran.push("cut");
          // Only the first run cuts: the run after the restart is the dead worker's job coming back.
          if (ran.filter((r) => r === "cut").length > 1) return;
          const db = new URL(url()).pathname.slice(1);
          // A database cannot refuse connections to itself: the server's maintenance database does it.
          await server.query(`ALTER DATABASE "${db}" WITH ALLOW_CONNECTIONS false`);
          const { rows } = await server.query<{ cut: boolean }>(
            `SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity WHERE datname = $1 AND pid <> $2`,
            [db, adminPid],
          );
          expect(rows.length).toBeGreaterThan(0);
          setTimeout(() => void server.query(`ALTER DATABASE "${db}" WITH ALLOW_CONNECTIONS true`), 1000);
        },
        after: async () => {
          ran.push("after");
        },
      },
    };
    const queue = await superviseQueue(options, (line) => lines.push(line));
    try {
      await admin.query(`SELECT graphile_worker.add_job('cut', '{}'::json)`);
      await waitFor("the job worker to die and the queue to restart", () => lines.some((l) => l.includes("running again")), lines);
      expect(lines.find((l) => l.includes("restarting the queue"))).toMatch(/a job worker stopped/);
      await admin.query(`SELECT graphile_worker.add_job('after', '{}'::json)`);
      await waitFor("the job added after the restart", () => ran.includes("after"), lines);
      // The job the dead worker held is unlocked and runs again, at once rather than after graphile-worker's
      // four-hour lock expiry (a kill -9 of PostgreSQL in CI left a webhook undelivered this way).
      await waitFor("the dead worker's job to run again", () => ran.filter((r) => r === "cut").length === 2, lines, 5_000);
    } finally {
      await queue.stop();
      await admin.end();
      await server.end();
    }
    expect(ran.filter((r) => r === "cut")).toHaveLength(2);
  });
});
