// `npm run bench:scim-compare -- <other checkout>`: issue 13 asks for "creates per second at least 2.5× today's in
// the same run". Separate runs of bench:scim, even alternating, compare two moments of a machine whose speed drifts
// by a third within a day (measured: this checkout made 794 and 1,405 creates/s in two runs minutes apart). This
// starts both versions side by side, each with its own embedded PostgreSQL, and sends the same requests to one and
// then the other in rounds ordered A B B A A B B A (a linear drift cancels out), so each round of one has a round of
// the other next to it: creates, reads of the users created, list pages of them with their groups, then their
// deactivations. The other checkout must have its dependencies installed (`npm ci`) and, best, a build. A script, not
// a test: it measures, it does not gate.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { embeddedDatabaseUrl, startApp, type RunningApp } from "@/lib/testing/start-app";
import { appProcesses, dsync, httpClient, percentile, processCpuSeconds, ROOT, userBody, waitForAnalyze, type Answer, type AppProcessKind } from "./bench-kit";

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const CLIENTS = env("BENCH_CLIENTS", 8);
/** Rounds per version and operation, and requests per round. */
const ROUNDS = env("BENCH_ROUNDS", 12);
const ROUND_REQUESTS = env("BENCH_ROUND_REQUESTS", 500);
/**
 * Unmeasured creates first, per version (then up to 500 of each other operation). With 400 (bench:scim's warm-up), this checkout's first round still cost
 * 0.90 ms of server CPU per create and its fourth 0.74: V8 had not finished optimising the path.
 */
const WARM_UP_CREATES = env("BENCH_WARM_UP_CREATES", 2_000);

/** One directory of one version, and what the rounds did in it so far. */
type Target = {
  send: (method: string, p: string, body?: unknown) => Promise<Answer>;
  /** Ids of the users created here, in order; `deactivated` of them, from the first, are deactivated. */
  userIds: string[];
  deactivated: number;
  /** Reads sent so far, to spread them over the users. */
  reads: number;
};
type Side = { label: string; root: string; commit: string; app: RunningApp; warm: Target; measured: Target };
type Operation = {
  name: string; expected: number; make: (target: Target, domain: string) => Promise<Answer>;
  /** Unmeasured, in each version's measured directory before the operation's first round. */
  before?: (target: Target) => Promise<void>;
};

/** Groups, as bench:scim's (40 of 50 members each), so that list pages carry each user's groups. */
const GROUPS = 40;
const GROUP_MEMBERS = 50;
const PAGE = 100;
type Round = {
  version: string; requests: number; seconds: number; perSecond: number; p99: number;
  /** CPU ms per request of the version's own processes, and of this load generator. */
  cpuMs: Record<AppProcessKind | "load generator", number>;
  latencies: number[];
};

/**
 * Issue 13's operations, in this order: creates (with account, event and sync-log entry), reads of the users created
 * (each logged), list pages of them with their groups, then their deactivations (with the sessions' revocation).
 */
const OPERATIONS: Operation[] = [
  {
    name: "create user", expected: 201,
    make: async (target, domain) => {
      const i = target.userIds.push("") - 1;
      const res = await target.send("POST", "/Users", userBody(i, domain));
      target.userIds[i] = (res.location ?? "").split("/").pop()!;
      return res;
    },
  },
  {
    // Users in a scattered order (7919 is prime), as bench:scim's lookups.
    name: "userName eq lookup", expected: 200,
    make: async (target, domain) => {
      const res = await target.send("GET", `/Users?filter=${encodeURIComponent(`userName eq "user${(target.reads++ * 7919) % target.userIds.length}@${domain}"`)}`);
      // A lookup that finds its user, as a provider's before it updates one.
      if (res.status === 200 && !/"totalResults":\s*1\b/.test(res.body)) throw new Error(`A lookup found no user: ${res.body.slice(0, 200)}`);
      return res;
    },
  },
  {
    name: "GET one user", expected: 200,
    make: (target) => target.send("GET", `/Users/${target.userIds[(target.reads++ * 7919) % target.userIds.length]}`),
  },
  {
    // Pages of 100 at scattered offsets, with each user's groups, as a provider's full read of a directory.
    name: "list page of 100 users", expected: 200,
    before: async (target) => {
      for (let g = 0; g < GROUPS; g++) {
        const members = target.userIds.slice(g * GROUP_MEMBERS, (g + 1) * GROUP_MEMBERS).map((value) => ({ value }));
        const res = await target.send("POST", "/Groups", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: `Team ${g}`, members });
        if (res.status !== 201) throw new Error(`A group was not created: ${res.status} ${res.body.slice(0, 200)}`);
      }
    },
    make: async (target) => {
      const startIndex = 1 + ((target.reads++ * 7919) % Math.max(1, target.userIds.length - PAGE));
      const res = await target.send("GET", `/Users?startIndex=${startIndex}&count=${PAGE}`);
      if (res.status === 200 && !new RegExp(`"itemsPerPage":\\s*${PAGE}\\b`).test(res.body)) throw new Error(`A page was not full: ${res.body.slice(0, 200)}`);
      return res;
    },
  },
  {
    name: "deactivate by PATCH", expected: 200,
    make: (target) => {
      const id = target.userIds[target.deactivated++];
      if (!id) throw new Error("More deactivations than users created");
      return target.send("PATCH", `/Users/${id}`, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "Replace", path: "active", value: "False" }] });
    },
  },
];

/** CPU seconds so far of the processes under one app's launcher, by kind (PostgreSQL's ended children included). */
function appCpu(launcherPid: number): Record<AppProcessKind, number> {
  const total: Record<AppProcessKind, number> = { server: 0, worker: 0, postgres: 0 };
  for (const { pid, kind } of appProcesses(launcherPid)) total[kind] += processCpuSeconds(pid, kind === "postgres") ?? 0;
  return total;
}

const ownCpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** `count` requests of one operation from CLIENTS concurrent clients, each answered as expected, or the run stops. */
async function send(side: Side, target: Target, operation: Operation, count: number, domain: string): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (next < count) {
      next++;
      const t0 = performance.now();
      const res = await operation.make(target, domain);
      latencies.push(performance.now() - t0);
      if (res.status !== operation.expected) throw new Error(`${side.label}: ${operation.name} answered ${res.status}: ${res.body.slice(0, 200)}`);
    }
  }));
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

async function startSide(label: string, root: string): Promise<Side> {
  process.stdout.write(`Starting ${label} (${root}) on a fresh embedded PostgreSQL…\n`);
  const app = await startApp({ SCIM_DIRECTORY_CONCURRENCY: String(CLIENTS) }, { root });
  const commit = spawnSync("git", ["-C", root, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).stdout.trim() || "unknown";
  const slug = `compare-${Date.now().toString(36)}`;
  dsync(app, ["org", "create", "--name", "Benchmark", "--slug", slug], root);
  const directory = (): Target => {
    const dir = dsync(app, ["directory", "create", "--org", slug, "--provider", "entra", "--mode", "full"], root) as { scimBaseUrl: string; token: string };
    const http = httpClient(app.url, CLIENTS * 2);
    const headers = { Authorization: `Bearer ${dir.token}`, "Content-Type": "application/scim+json" };
    return { send: (method, p, body) => http.send(method, `${dir.scimBaseUrl}${p}`, headers, body), userIds: [], deactivated: 0, reads: 0 };
  };
  const side: Side = { label, root, commit, app, warm: directory(), measured: directory() };
  // Warm-up, unmeasured, as bench:scim's: the first requests of a server load its modules, and V8 optimises a path
  // only after some hundreds of them. In a directory of its own, so the measured one holds only what is measured.
  for (let i = 0; i < 200; i++) await side.warm.send("GET", `/Users?filter=${encodeURIComponent(`userName eq "warmup${i}"`)}`);
  const [create, ...others] = OPERATIONS;
  await send(side, side.warm, create!, WARM_UP_CREATES, "warm-up.example.com");
  for (const operation of others) await send(side, side.warm, operation, Math.min(WARM_UP_CREATES, 500), "warm-up.example.com");
  return side;
}

/** Waits until the version's autovacuum has no analyze left to do on its users and memberships (bench-kit). */
async function analyzed(side: Side) {
  const db = new pg.Client({ connectionString: await embeddedDatabaseUrl(side.app.dataDir) });
  await db.connect();
  try {
    await waitForAnalyze(db);
  } finally {
    await db.end();
  }
}

async function round(side: Side, operation: Operation): Promise<Round> {
  const cpu0 = appCpu(side.app.process.pid!);
  const own0 = ownCpuSeconds();
  const { latencies, seconds } = await send(side, side.measured, operation, ROUND_REQUESTS, "bench.example.com");
  const cpu1 = appCpu(side.app.process.pid!);
  const perRequest = (s: number) => Math.round((s * 1000 / ROUND_REQUESTS) * 1000) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    version: side.label, requests: ROUND_REQUESTS, seconds, perSecond: ROUND_REQUESTS / seconds, p99: percentile(latencies, 99),
    cpuMs: {
      server: perRequest(cpu1.server - cpu0.server), worker: perRequest(cpu1.worker - cpu0.worker),
      postgres: perRequest(cpu1.postgres - cpu0.postgres), "load generator": perRequest(ownCpuSeconds() - own0),
    },
    latencies,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const f = (n: number, d = 2) => n.toFixed(d);

/** One operation's rounds on both versions, A B B A…, printed as they go; then its totals. */
async function compare(a: Side, b: Side, operation: Operation) {
  process.stdout.write(`\n${operation.name}: ${ROUNDS} rounds each of ${ROUND_REQUESTS} from ${CLIENTS} clients, in the order A B B A…\n`);
  process.stdout.write(`round  version         per second  p99 ms  server  worker  postgres  load gen  (CPU ms per request)\n`);
  const rounds: Round[] = [];
  for (let r = 0; r < 2 * ROUNDS; r++) {
    // A B B A A B B A: rounds 0, 3, 4, 7, … are A's.
    const side = r % 4 === 0 || r % 4 === 3 ? a : b;
    const done = await round(side, operation);
    rounds.push(done);
    process.stdout.write(`${String(r + 1).padStart(5)}  ${side.label.padEnd(14)}  ${f(done.perSecond, 0).padStart(10)}  ${f(done.p99, 1).padStart(6)}  ${f(done.cpuMs.server).padStart(6)}  ${f(done.cpuMs.worker).padStart(6)}  ${f(done.cpuMs.postgres).padStart(8)}  ${f(done.cpuMs["load generator"]).padStart(8)}\n`);
  }
  // Each A round with the B round beside it: (1,2), (3,4), … in run order.
  const pairRatios: number[] = [];
  for (let r = 0; r + 1 < rounds.length; r += 2) {
    const [x, y] = [rounds[r]!, rounds[r + 1]!];
    const [ra, rb] = x.version === a.label ? [x, y] : [y, x];
    pairRatios.push(ra.perSecond / rb.perSecond);
  }
  const summary = [a, b].map((side) => {
    const mine = rounds.filter((r) => r.version === side.label);
    const seconds = mine.reduce((s, r) => s + r.seconds, 0);
    const latencies = mine.flatMap((r) => r.latencies).sort((x, y) => x - y);
    const cpu = (k: keyof Round["cpuMs"]) => Math.round((mine.reduce((s, r) => s + r.cpuMs[k], 0) / mine.length) * 1000) / 1000;
    return {
      version: side.label, root: side.root, commit: side.commit, requests: mine.length * ROUND_REQUESTS,
      perSecond: Math.round((mine.length * ROUND_REQUESTS) / seconds), p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99),
      cpuMsPerRequest: { server: cpu("server"), worker: cpu("worker"), postgres: cpu("postgres"), "load generator": cpu("load generator") },
    };
  });
  const [sa, sb] = summary as [typeof summary[0], typeof summary[0]];
  const ratio = sa.perSecond / sb.perSecond;
  const cpuRatio = (sa.cpuMsPerRequest.server + sa.cpuMsPerRequest.postgres) / (sb.cpuMsPerRequest.server + sb.cpuMsPerRequest.postgres);
  process.stdout.write(`\nversion         commit    requests  per second  p50 ms  p95 ms  p99 ms  server+PostgreSQL CPU ms per request\n`);
  for (const s of summary) {
    process.stdout.write(`${s.version.padEnd(14)}  ${s.commit.padEnd(8)}  ${String(s.requests).padStart(8)}  ${String(s.perSecond).padStart(10)}  ${f(s.p50, 1).padStart(6)}  ${f(s.p95, 1).padStart(6)}  ${f(s.p99, 1).padStart(6)}  ${f(s.cpuMsPerRequest.server + s.cpuMsPerRequest.postgres)}\n`);
  }
  process.stdout.write(`${operation.name}, this checkout ÷ the other: ${f(ratio)}× the requests per second over the whole run (neighbouring rounds: min ${f(Math.min(...pairRatios))}×, median ${f(median(pairRatios))}×, max ${f(Math.max(...pairRatios))}×), ${f(cpuRatio)} of the CPU per request\n`);
  return {
    operation: operation.name, ratio: Math.round(ratio * 100) / 100, cpuRatio: Math.round(cpuRatio * 100) / 100, pairRatios: pairRatios.map((x) => Math.round(x * 100) / 100), summary,
    rounds: rounds.map(({ latencies: _, ...r }) => ({ ...r, perSecond: Math.round(r.perSecond), p99: Math.round(r.p99 * 100) / 100, seconds: Math.round(r.seconds * 1000) / 1000 })),
  };
}

async function main() {
  const other = process.argv[2] ?? process.env.BENCH_COMPARE_WITH;
  if (!other || !existsSync(path.join(other, "lib/server/main.ts")) || !existsSync(path.join(other, "node_modules"))) {
    process.stderr.write(`Usage: npm run bench:scim-compare -- <path of another Rollcall checkout, with npm ci run in it>${other ? ` (${other} is not one)` : ""}\n`);
    process.exit(1);
  }
  const sides: Side[] = [];
  try {
    sides.push(await startSide("this checkout", ROOT));
    sides.push(await startSide("the other", path.resolve(other)));
    const [a, b] = sides as [Side, Side];
    process.stdout.write(`A = this checkout (${a.commit}), B = ${b.root} (${b.commit})\n`);
    const operations = [];
    for (const [i, operation] of OPERATIONS.entries()) {
      for (const side of sides) await operation.before?.(side.measured);
      // After the creates, each version's reads wait until its autovacuum has analyzed what they wrote, as
      // bench:scim's do. Measured without this wait, the version started second went without an analyze through its
      // warm-up and the creates, and its lookups, planned on statistics that had not seen the directory, scanned all
      // 6,000 of its users by the ("directoryId", "active") index: 1.3–2.3 times the CPU of the same code started first.
      if (i > 0) await Promise.all(sides.map((side) => analyzed(side)));
      operations.push(await compare(a, b, operation));
    }
    process.stdout.write(`\nmachine: ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}\n`);
    const out = {
      date: new Date().toISOString(), machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version }, loadAverage: os.loadavg(),
      clients: CLIENTS, rounds: ROUNDS, roundRequests: ROUND_REQUESTS, operations,
    };
    mkdirSync(path.join(ROOT, "bench-results"), { recursive: true });
    const file = path.join(ROOT, "bench-results", `scim-compare-${out.date.replace(/[:.]/g, "-")}.json`);
    writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(out)}\nWritten to ${path.relative(ROOT, file)}\n`);
  } finally {
    for (const side of sides) await side.app.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`Benchmark failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
