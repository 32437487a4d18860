// `npm run bench:sync-log-trigger`: what the hourly-counter trigger (SyncLogEntry_count_hourly, migration
// 20261204110000_console_search_and_counts) adds to each sync-log insert. A SCIM request writes its entry as one
// INSERT statement in its own transaction, so this inserts entries one statement and one commit at a time, in
// rounds that alternate the trigger on and off on the same database, table and connection, and reads both the
// wall time and the PostgreSQL backend's own CPU time (from /proc/<pid>/stat: the guide's advice, since this
// machine's speed drifts within a day and wall time includes the load of other work). A script, not a test.
import { readFileSync } from "node:fs";
import os from "node:os";
import pg from "pg";
import { startThrowawayPostgres } from "@/lib/testing/throwaway-postgres";

const INSERTS = Number(process.env.BENCH_INSERTS ?? 2_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
/** Log rows present before measuring, so inserts pay for index depth as they do on a real log. */
const EXISTING = Number(process.env.BENCH_EXISTING_ENTRIES ?? 200_000);
const CLK_TCK = 100; // Linux's USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s

/** User + system CPU time of a process, in milliseconds. */
function cpuMs(pid: number): number {
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

type Round = { trigger: boolean; wallMsPerInsert: number; cpuMsPerInsert: number };

async function main() {
  const pgServer = await startThrowawayPostgres();
  const db = new pg.Client({ connectionString: pgServer.url });
  await db.connect();
  try {
    await db.query(`INSERT INTO "Organization" ("id", "slug", "name", "updatedAt") VALUES ('org_trigger', 'trigger-bench', 'Trigger bench', now())`);
    await db.query(`INSERT INTO "Directory" ("id", "organizationId", "name", "provider", "status", "updatedAt") VALUES ('dir_trigger', 'org_trigger', 'Entra ID', 'entra', 'ACTIVE', now())`);
    await db.query(
      `INSERT INTO "SyncLogEntry" ("id", "organizationId", "directoryId", "createdAt", "method", "path", "status", "latencyMs", "tokenPrefix", "resourceType", "resourceId", "actions", "subject")
       SELECT 'log_0' || lpad(to_hex(i), 25, '0'), 'org_trigger', 'dir_trigger', now() - make_interval(secs => $1::int - i), 'PATCH', '/Users/usr_' || i, 200, 12, 'rc_scim_bench', 'User', 'usr_' || i, ARRAY['user.updated'], 'user' || i || '@example.com'
         FROM generate_series(1, $1::int) i`,
      [EXISTING],
    );
    await db.query(`VACUUM ANALYZE "SyncLogEntry"`);
    const pid = (await db.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    // The statement SCIM requests send (lib/audit/scim-request-log.ts), prepared once as theirs is.
    const insert = {
      name: "sync_log_insert",
      text: `INSERT INTO "SyncLogEntry" ("id", "organizationId", "directoryId", "method", "path", "status", "latencyMs", "tokenPrefix", "resourceType", "resourceId", "actions", "subject")
             VALUES ($1, 'org_trigger', 'dir_trigger', 'PATCH', $2, $3, 14, 'rc_scim_bench', 'User', $4, ARRAY['user.updated'], $5)`,
    };
    let n = 0;
    const rounds: Round[] = [];
    for (let r = 0; r < ROUNDS * 2; r++) {
      const trigger = r % 2 === 1;
      await db.query(`ALTER TABLE "SyncLogEntry" ${trigger ? "ENABLE" : "DISABLE"} TRIGGER "SyncLogEntry_count_hourly"`);
      const cpuBefore = cpuMs(pid);
      const started = performance.now();
      for (let i = 0; i < INSERTS; i++, n++) {
        // Ids after every existing one, as new entries' time-ordered ids are; one in 13 a 401, as in bench:console.
        await db.query({ ...insert, values: [`log_1${n.toString(16).padStart(25, "0")}`, `/Users/usr_${n}`, n % 13 === 0 ? 401 : 200, `usr_${n}`, `user${n}@example.com`] });
      }
      const wall = performance.now() - started;
      rounds.push({ trigger, wallMsPerInsert: wall / INSERTS, cpuMsPerInsert: (cpuMs(pid) - cpuBefore) / INSERTS });
    }
    // The first round of each kind warms caches; compare the rest.
    const measured = rounds.slice(2);
    const mean = (kind: boolean, key: "wallMsPerInsert" | "cpuMsPerInsert") => {
      const xs = measured.filter((x) => x.trigger === kind).map((x) => x[key]);
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    const result = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10) },
      sizes: { insertsPerRound: INSERTS, roundsEach: ROUNDS, existingEntries: EXISTING },
      withoutTrigger: { wallMsPerInsert: mean(false, "wallMsPerInsert"), backendCpuMsPerInsert: mean(false, "cpuMsPerInsert") },
      withTrigger: { wallMsPerInsert: mean(true, "wallMsPerInsert"), backendCpuMsPerInsert: mean(true, "cpuMsPerInsert") },
      rounds,
    };
    const f = (x: number) => x.toFixed(3).padStart(8);
    process.stdout.write(`${INSERTS} single-statement inserts per round, ${ROUNDS} rounds each way (first of each left out), ${EXISTING} entries already in the log\n`);
    process.stdout.write(`                 wall ms/insert  backend CPU ms/insert\n`);
    process.stdout.write(`without trigger        ${f(result.withoutTrigger.wallMsPerInsert)}               ${f(result.withoutTrigger.backendCpuMsPerInsert)}\n`);
    process.stdout.write(`with trigger           ${f(result.withTrigger.wallMsPerInsert)}               ${f(result.withTrigger.backendCpuMsPerInsert)}\n`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await db.end();
    await pgServer.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`Benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
