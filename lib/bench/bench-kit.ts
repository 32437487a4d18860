// What the SCIM benchmarks share: the app's CLI, the load generator's HTTP client, and the CPU time of an app's
// processes read from /proc (the guide's advice: this machine's speed drifts within a day, CPU per request does not
// blur as ops/s does).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Pool } from "undici";
import type pg from "pg";
import type { RunningApp } from "@/lib/testing/start-app";

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** One answer, read whole: what the load generator needs of it. */
export type Answer = { status: number; location: string | undefined; body: string };

/** The `dsync` CLI of the checkout at `root` (this one by default) against a running app, its --json answer parsed. */
export function dsync(app: RunningApp, args: string[], root = ROOT): Record<string, unknown> {
  const out = spawnSync(process.execPath, ["--import", "tsx", "lib/cli/main.ts", ...args, "--json"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: "", DATA_DIR: app.dataDir, APP_URL: app.url },
    encoding: "utf8",
  });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout) as Record<string, unknown>;
}

/**
 * The load generator's HTTP client: undici's Pool with keep-alive. Node's fetch spends about 3 ms of CPU per
 * request here, a third of this 2-core machine, which would be taken from what is measured.
 */
export function httpClient(origin: string, connections: number) {
  const pool = new Pool(origin, { connections, keepAliveTimeout: 60_000 });
  return {
    pool,
    async send(method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<Answer> {
      const { pathname, search } = new URL(url);
      const res = await pool.request({
        method: method as "GET", path: `${pathname}${search}`, headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const location = res.headers.location;
      return { status: res.statusCode, location: Array.isArray(location) ? location[0] : location, body: await res.body.text() };
    },
  };
}

/** The user the SCIM benchmarks create: Entra's shape, with the enterprise extension. */
export const userBody = (i: number, domain = "bench.example.com") => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
  externalId: `ext-${i}`,
  userName: `user${i}@${domain}`,
  name: { givenName: `Given${i}`, familyName: `Family${i}` },
  displayName: `User ${i}`,
  emails: [{ value: `user${i}@${domain}`, type: "work", primary: true }],
  active: true,
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: `Dept ${i % 20}`, employeeNumber: String(i) },
});

export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Parent of each process (Linux /proc), to tell the app's own processes from anyone else's. */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      map.set(Number(pid), Number(readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ")[1]));
    } catch {
      // the process ended while we looked
    }
  }
  return map;
}

function descends(pid: number, root: number | undefined, parentOf: Map<number, number>): boolean {
  for (let p: number | undefined = pid; p !== undefined && p > 1; p = parentOf.get(p)) if (p === root) return true;
  return false;
}

export type AppProcessKind = "server" | "worker" | "postgres";

/** Which of the app's processes a command line is (the command line: Next.js retitles its process "next-server (v…)"). */
function appProcessKind(command: string): AppProcessKind | undefined {
  return command.includes("next-server") || command.includes("next/dist/bin/next") ? "server"
    : command.includes("lib/worker/main.ts") ? "worker"
    : /(^|\/)postgres( |$)|^postgres:/.test(command) ? "postgres"
    : undefined;
}

/**
 * The processes under an app's launcher (its server, worker and PostgreSQL, found by walking /proc), with their
 * kind; `extra` adds processes outside that tree (the benchmark itself, a webhook receiver) under kinds of their own.
 */
export function* appProcesses<K extends string = never>(launcherPid: number | undefined, extra = new Map<number, K>()): Generator<{ pid: number; kind: AppProcessKind | K }> {
  const parentOf = parents();
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p)).map(Number)) {
    const own = extra.get(pid);
    if (own !== undefined) {
      yield { pid, kind: own };
      continue;
    }
    if (!descends(pid, launcherPid, parentOf)) continue;
    let command: string;
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
    } catch {
      continue; // the process ended while we looked
    }
    const kind = appProcessKind(command);
    if (kind) yield { pid, kind };
  }
}

/**
 * CPU seconds (user + system) a process has used, read from /proc/<pid>/stat; with `children`, also those of its
 * ended children (for PostgreSQL's postmaster: the autovacuum workers that came and went). Undefined once it ended.
 */
export function processCpuSeconds(pid: number, children: boolean): number | undefined {
  const ticks = 100; // USER_HZ on Linux
  try {
    // Fields after the parenthesised name: utime is the 14th field of the line, cutime the 16th (proc(5)).
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ");
    return (Number(fields[11]) + Number(fields[12]) + (children ? Number(fields[13]) + Number(fields[14]) : 0)) / ticks;
  } catch {
    return undefined;
  }
}

/**
 * Waits until autovacuum has no analyze left to do on the users' and the memberships' tables: fewer rows changed
 * since their last analyze (or ever, for a table never analyzed) than its threshold, PostgreSQL's default of 50 + 10% of
 * the table. A table that was never written, such as the memberships before any group, has none to do. Then until no
 * autovacuum worker is running: after those tables a worker goes on with the rest of what the writes left (measured in
 * bench:scim, a VACUUM ANALYZE of "Event" and "SyncLogEntry" ran through the 500 lookups after the users' analyze,
 * 0.36-0.40 ms of PostgreSQL CPU per lookup outside any connection, and slowed the first of them to 12-20 ms), and
 * what is measured next should be what it sends, not the clean-up after the writes before. At most 3 minutes, the
 * default wake-up being 60 s on another PostgreSQL.
 */
export async function waitForAnalyze(db: pg.Client): Promise<void> {
  for (const deadline = Date.now() + 180_000; ; await new Promise((r) => setTimeout(r, 250))) {
    const { rows } = await db.query<{ pending: number; working: number }>(
      `SELECT (SELECT count(*)::int FROM pg_stat_user_tables
                WHERE relname IN ('DirectoryUser', 'GroupMember')
                  AND n_mod_since_analyze > 50 + 0.1 * n_live_tup) AS pending,
              (SELECT count(*)::int FROM pg_stat_activity WHERE backend_type = 'autovacuum worker') AS working`);
    if (rows[0]?.pending === 0 && rows[0].working === 0) return;
    if (Date.now() >= deadline) throw new Error("autovacuum did not analyze the imported users and finish its pass within 3 minutes");
  }
}
