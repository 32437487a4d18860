// `npm run bench:scim`: plays an identity provider's initial sync against the production build on a fresh
// embedded PostgreSQL, and prints, per operation, throughput and latency percentiles, plus the server's peak
// memory. Writes the same as JSON to bench-results/. A script, not a test: it measures, it does not gate.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { embeddedDatabaseUrl, startApp } from "@/lib/testing/start-app";
import { appProcesses, dsync, httpClient, percentile, processCpuSeconds, ROOT, userBody, waitForAnalyze, type Answer } from "./bench-kit";

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
// Modest defaults, so that a run ends within about five minutes on this 2-core machine; every size can be raised
// by its environment variable for a longer run (the earlier defaults were 10,000 users, 200 groups, 2,000 reads).
const USERS = env("BENCH_USERS", 2_000);
const GROUPS = env("BENCH_GROUPS", 40);
const MEMBERS_PER_GROUP = 50;
const LOOKUPS = env("BENCH_LOOKUPS", 500);
const PAGE_READS = env("BENCH_PAGE_READS", 50);
const DEACTIVATIONS = env("BENCH_DEACTIVATIONS", 300);
const CLIENTS = env("BENCH_CLIENTS", 8);
/** Unmeasured creates before the measured ones, in a directory of their own. */
const WARM_UP_CREATES = env("BENCH_WARM_UP_CREATES", 50 * CLIENTS);
const USER_READS = env("BENCH_USER_READS", 500);
/** Requests to a route that does nothing (the floor every SCIM operation stands on). */
const FLOOR_READS = env("BENCH_FLOOR_READS", 1_000);
/**
 * Issue 13, item 4: the production server calls the SCIM route handlers directly; SCIM_VIA_NEXT=1 (passed on to the
 * server) sends them through Next.js's pipeline instead, so two runs compare the two paths.
 */
const SCIM_PATH = process.env.SCIM_VIA_NEXT === "1" ? "through Next.js (SCIM_VIA_NEXT=1)" : "direct to the route handlers";
/** Deactivations, one at a time, whose webhook's arrival is timed (deprovisioning latency). */
const DEPROVISION_SAMPLES = env("BENCH_DEPROVISION_SAMPLES", 30);
/** Creates per run of the webhook comparison: with and without an endpoint configured. */
const WEBHOOK_COMPARISON_USERS = env("BENCH_WEBHOOK_USERS", 400);
/**
 * Requests of one directory the server runs at once (issue 12's limiter, 2 by default). The benchmark's clients all
 * write to one directory, so by default the server it starts allows as many as there are clients: otherwise six of
 * the eight would wait in the limiter's queue and the latencies would measure that queue. Set
 * SCIM_DIRECTORY_CONCURRENCY to measure another limit.
 */
const DIRECTORY_CONCURRENCY = env("SCIM_DIRECTORY_CONCURRENCY", CLIENTS);

type Directory = { id: string; scimBaseUrl: string; token: string };

/**
 * A webhook receiver: prints its port, answers 200 to every delivery, GET /count with how many it got, and
 * GET /deactivations with when (epoch ms) each account.deactivated arrived, by the account's email.
 */
const RECEIVER_SOURCE = `
let n = 0;
const deactivations = {};
const server = require("node:http").createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    if (req.url === "/count") return res.end(String(n));
    if (req.url === "/deactivations") return res.end(JSON.stringify(deactivations));
    n++;
    if (req.headers["rollcall-event-type"] === "account.deactivated") {
      const at = Date.now();
      try { deactivations[JSON.parse(Buffer.concat(chunks).toString()).data.email] ??= at; } catch {}
    }
    res.writeHead(200).end();
  });
});
// Idle keep-alive connections stay open for minutes: at the lowest priority on a loaded machine, a 5 s timeout fired
// while the load generator reused the connection ("other side closed").
server.keepAliveTimeout = 300000;
server.listen(0, "127.0.0.1", () => process.stdout.write(server.address().port + "\\n"));
`;
type Result = {
  operation: string; count: number; seconds: number; opsPerSecond: number; p50: number; p95: number; p99: number; errors: number;
  /** CPU milliseconds per request of the Next.js server process and of PostgreSQL, during this operation. */
  serverCpuMs?: number; postgresCpuMs?: number;
  /** postgresCpuMs by whose PostgreSQL processes spent it (see postgresShares). */
  postgresCpuMsBy?: Record<PostgresShare, number>;
};
type ProcessKind = "server" | "worker" | "postgres" | "receiver" | "load generator";

/** The launcher of the app under test: only its descendants count, since other servers may share this machine. */
let launcherPid: number | undefined;

/** The processes of the app under test (Linux /proc) that the benchmark tells apart, with their kind. */
function* benchProcesses(receiverPid?: number): Generator<{ pid: string; kind: ProcessKind }> {
  const extra = new Map<number, ProcessKind>([[process.pid, "load generator"]]);
  if (receiverPid !== undefined) extra.set(receiverPid, "receiver");
  for (const { pid, kind } of appProcesses(launcherPid, extra)) yield { pid: String(pid), kind };
}

/** Resident memory of the launcher's children, per kind: the Next.js server and the webhook worker. */
function childRss(launcherPid: number): { server: number; worker: number } {
  const rss = { server: 0, worker: 0 };
  for (const { pid, kind } of benchProcesses()) {
    if (kind !== "server" && kind !== "worker") continue;
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      if (Number(status.match(/^PPid:\s+(\d+)/m)?.[1]) === launcherPid) rss[kind] += Number(status.match(/^VmRSS:\s+(\d+)/m)?.[1] ?? 0) * 1024;
    } catch {
      // the process ended while we looked
    }
  }
  return rss;
}

/**
 * CPU seconds used so far by each process of the app, with its kind (user + system time, and for PostgreSQL's
 * postmaster also its ended children's): one walk of /proc, from which a phase's cost is split between the Next.js
 * server, the webhook worker, PostgreSQL, the receiver and this process, and PostgreSQL's by whose processes.
 */
function cpuByProcess(receiverPid?: number): Map<number, { kind: ProcessKind; seconds: number }> {
  const cpu = new Map<number, { kind: ProcessKind; seconds: number }>();
  for (const { pid, kind } of benchProcesses(receiverPid)) {
    const seconds = processCpuSeconds(Number(pid), kind === "postgres");
    if (seconds !== undefined) cpu.set(Number(pid), { kind, seconds });
  }
  return cpu;
}

/** CPU seconds so far per kind of process (see cpuByProcess). */
function cpuSeconds(receiverPid?: number, byProcess = cpuByProcess(receiverPid)): Record<ProcessKind, number> {
  const total: Record<ProcessKind, number> = { server: 0, worker: 0, postgres: 0, receiver: 0, "load generator": 0 };
  for (const { kind, seconds } of byProcess.values()) total[kind] += seconds;
  return total;
}

/**
 * Whose PostgreSQL processes did the work: the backends of the server's connections (serving SCIM requests), those
 * of the webhook worker's, and the rest: autovacuum, the WAL writer, the checkpointer, this benchmark's own
 * connection, and every process that ended during the phase (counted in the postmaster's children's time), which
 * are mostly autovacuum workers. Client backends are told apart by their application_name (lib/server/main.ts
 * sets PGAPPNAME for the server and the worker).
 */
type PostgresShare = "server's connections" | "worker's connections" | "the rest";
const POSTGRES_SHARES: PostgresShare[] = ["server's connections", "worker's connections", "the rest"];

async function postgresShareOfPid(db: pg.Client): Promise<Map<number, PostgresShare>> {
  const shares = new Map<number, PostgresShare>();
  const { rows } = await db.query<{ pid: number; application_name: string }>(`SELECT pid, application_name FROM pg_stat_activity WHERE backend_type = 'client backend'`);
  for (const { pid, application_name: name } of rows) {
    if (name === "rollcall server") shares.set(pid, "server's connections");
    else if (name === "rollcall worker") shares.set(pid, "worker's connections");
  }
  return shares;
}

function cpuDelta(after: Record<ProcessKind, number>, before: Record<ProcessKind, number>): Record<ProcessKind, number> {
  return Object.fromEntries(Object.entries(after).map(([k, v]) => [k, Math.round((v - before[k as ProcessKind]) * 100) / 100])) as Record<ProcessKind, number>;
}

function sumCpu(parts: Record<ProcessKind, number>[]): Record<ProcessKind, number> {
  const total: Record<ProcessKind, number> = { server: 0, worker: 0, postgres: 0, receiver: 0, "load generator": 0 };
  for (const part of parts) for (const kind of Object.keys(total) as ProcessKind[]) total[kind] = Math.round((total[kind] + part[kind]) * 100) / 100;
  return total;
}

type Measured = { latencies: number[]; seconds: number; errors: number };

/** Runs `count` requests from CLIENTS concurrent clients; each `make(i)` is one request. */
async function measure(operation: string, count: number, make: (i: number) => Promise<Answer>, expected: number[]): Promise<Measured> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  let firstError = "";
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        const res = await make(i);
        const body = res.body;
        latencies.push(performance.now() - t0);
        if (!expected.includes(res.status)) {
          errors++;
          firstError ||= `${res.status} ${body.slice(0, 200)}`;
        }
      }
    }),
  );
  if (errors) process.stderr.write(`${operation}: ${errors} unexpected answers, first: ${firstError}\n`);
  return { latencies, seconds: (performance.now() - started) / 1000, errors };
}

/** Requests sent as a phase sends them, from CLIENTS clients, but not measured; returns their answers in order. */
async function warmUp(count: number, make: (i: number) => Promise<Answer>, expected: number[]): Promise<Answer[]> {
  const answers: Answer[] = new Array(count);
  const { errors } = await measure("warm-up", count, async (i) => (answers[i] = await make(i)), expected);
  if (errors > 0) throw new Error(`Warm-up: ${errors} unexpected answers`);
  return answers;
}

/** One table row from one or more measured runs of the same operation. */
function summarise(operation: string, runs: Measured[]): Result {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    operation, count: latencies.length, seconds: round(seconds), opsPerSecond: Math.round(latencies.length / seconds),
    p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), p99: round(percentile(latencies, 99)),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
  };
}

/** One operation, with the CPU time the server and PostgreSQL spent on it per request. */
async function phase(db: pg.Client, operation: string, count: number, make: (i: number) => Promise<Answer>, expected: number[]): Promise<Result> {
  const before = cpuByProcess();
  const result = summarise(operation, [await measure(operation, count, make, expected)]);
  const after = cpuByProcess();
  const used = cpuDelta(cpuSeconds(undefined, after), cpuSeconds(undefined, before));
  const shareOf = await postgresShareOfPid(db);
  const perRequest = (seconds: number) => Math.round((seconds * 1000 / result.count) * 100) / 100;
  const postgresBy = Object.fromEntries(POSTGRES_SHARES.map((s) => [s, 0])) as Record<PostgresShare, number>;
  for (const [pid, { kind, seconds }] of after) {
    if (kind === "postgres") postgresBy[shareOf.get(pid) ?? "the rest"] += seconds - (before.get(pid)?.seconds ?? 0);
  }
  const row = {
    ...result, serverCpuMs: perRequest(used.server), postgresCpuMs: perRequest(used.postgres),
    postgresCpuMsBy: Object.fromEntries(POSTGRES_SHARES.map((s) => [s, perRequest(postgresBy[s])])) as Record<PostgresShare, number>,
  };
  process.stdout.write(`${line(cells(row))}\n`);
  return row;
}

async function main() {
  process.stdout.write("Starting the production build on a fresh embedded PostgreSQL…\n");
  const app = await startApp({ SCIM_DIRECTORY_CONCURRENCY: String(DIRECTORY_CONCURRENCY) });
  // Read-only use: when autovacuum last analyzed the directory tables (see waitForAnalyze).
  const db = new pg.Client({ connectionString: await embeddedDatabaseUrl(app.dataDir) });
  await db.connect();
  process.stdout.write(`${USERS} users, ${GROUPS} groups, ${CLIENTS} clients, SCIM_DIRECTORY_CONCURRENCY=${DIRECTORY_CONCURRENCY} (sizes: BENCH_USERS, BENCH_GROUPS, BENCH_LOOKUPS, BENCH_PAGE_READS, BENCH_USER_READS, BENCH_DEACTIVATIONS, BENCH_FLOOR_READS, BENCH_WEBHOOK_USERS, BENCH_DEPROVISION_SAMPLES)\n${line(HEADER)}\n`);
  launcherPid = app.process.pid;
  let peakRss = 0;
  let peakWorkerRss = 0;
  const sampler = setInterval(() => {
    const rss = childRss(app.process.pid!);
    peakRss = Math.max(peakRss, rss.server);
    peakWorkerRss = Math.max(peakWorkerRss, rss.worker);
  }, 200);
  try {
    const slug = `bench-${Date.now().toString(36)}`;
    dsync(app, ["org", "create", "--name", "Benchmark", "--slug", slug]);
    const dir = dsync(app, ["directory", "create", "--org", slug, "--provider", "entra", "--mode", "full"]) as unknown as Directory;
    const headers = { Authorization: `Bearer ${dir.token}`, "Content-Type": "application/scim+json" };
    const http = httpClient(app.url, CLIENTS * 2);
    const send = (method: string, p: string, body?: unknown) => http.send(method, `${dir.scimBaseUrl}${p}`, headers, body);

    // Warm-up: the first requests of a Next.js process compile and load its route modules.
    for (let i = 0; i < 200; i++) await send("GET", `/Users?filter=${encodeURIComponent(`userName eq "warmup${i}"`)}`);
    for (let i = 0; i < 200; i++) await http.send("GET", `${app.url}/scim/floor`, {});

    const results: Result[] = [];
    // The floor: a SCIM route handler of the same server that answers without the database (an unknown path
    // under /scim, a 404 SCIM error), so the table shows how far above it each operation costs.
    results.push(await phase(db, "trivial route (floor)", FLOOR_READS, () => http.send("GET", `${app.url}/scim/floor`, {}), [404]));
    // Unmeasured first creates, in a directory of their own (the measured one holds exactly USERS users), as for the
    // member PATCH below: the first creates of a server run code V8 has not optimised yet. Measured cold, 2,000
    // creates cost 0.74-0.75 ms of server CPU each, 4,000 0.53-0.59 (alternating runs, 2026-12-04).
    if (WARM_UP_CREATES > 0) {
      const warmUpDirectory = dsync(app, ["directory", "create", "--org", slug, "--provider", "entra", "--mode", "full"]) as unknown as Directory;
      await warmUp(WARM_UP_CREATES, (i) => http.send("POST", `${warmUpDirectory.scimBaseUrl}/Users`, { ...headers, Authorization: `Bearer ${warmUpDirectory.token}` }, userBody(i, "warm-up.example.com")), [201]);
    }
    const userIds: string[] = new Array(USERS);
    results.push(await phase(db, `create user (${CLIENTS} clients)`, USERS, async (i) => {
      const res = await send("POST", "/Users", userBody(i));
      if (res.status === 201) userIds[i] = (res.location ?? "").split("/").pop()!;
      return res;
    }, [201]));

    const groupIds: string[] = new Array(GROUPS);
    results.push(await phase(db, "create group", GROUPS, async (i) => {
      const res = await send("POST", "/Groups", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: `Group ${i}`, externalId: `g-${i}` });
      if (res.status === 201) groupIds[i] = (res.location ?? "").split("/").pop()!;
      return res;
    }, [201]));

    const addMembers = (groupId: string, i: number) => send("PATCH", `/Groups/${groupId}`, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op: "Add", path: "members", value: Array.from({ length: MEMBERS_PER_GROUP }, (_, k) => ({ value: userIds[(i * MEMBERS_PER_GROUP + k) % USERS] })) }],
    });
    // Unmeasured first uses, as the server's warm-up above is. With only GROUPS (40) PATCHes measured, the server's
    // first ones, before V8 has optimised this path, were a large part of the row: measured in chunks of 40 after 16
    // such PATCHes, the first chunk cost 2.0 ms of server CPU per PATCH, the next seven 0.75-1.5. On groups of their
    // own, deleted afterwards, so that the directory holds only the memberships measured.
    const warmUpGroups = (await warmUp(8 * CLIENTS, (i) => send("POST", "/Groups", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: `Warm-up ${i}` }), [201]))
      .map((a) => (a.location ?? "").split("/").pop()!);
    await warmUp(warmUpGroups.length, (i) => addMembers(warmUpGroups[i]!, i), [204]);
    await warmUp(warmUpGroups.length, (i) => send("DELETE", `/Groups/${warmUpGroups[i]}`), [204]);
    results.push(await phase(db, `add ${MEMBERS_PER_GROUP} members by PATCH`, GROUPS, (i) => addMembers(groupIds[i]!, i), [204]));

    // Right after the import, before ANALYZE has seen it: the plans of this moment (lib/db/embedded-postgres.ts).
    const importEnded = Date.now();
    results.push(await phase(db, "userName eq lookup, right after the import", Math.min(LOOKUPS, 200), (i) =>
      send("GET", `/Users?filter=${encodeURIComponent(`userName eq "user${(i * 7919 + 13) % USERS}@bench.example.com"`)}`), [200]));
    // The rest measures a directory as it is from autovacuum's next pass on, whose ANALYZE replaces those plans.
    await waitForAnalyze(db);
    const analyzedAfterMs = Date.now() - importEnded;
    process.stdout.write(`  (autovacuum had analyzed the import and ended its pass ${(analyzedAfterMs / 1000).toFixed(1)} s after its last write; the reads below come after that)\n`);

    results.push(await phase(db, "userName eq lookup", LOOKUPS, (i) =>
      send("GET", `/Users?filter=${encodeURIComponent(`userName eq "user${(i * 7919) % USERS}@bench.example.com"`)}`), [200]));

    results.push(await phase(db, "userName eq lookup, no match", LOOKUPS, (i) =>
      send("GET", `/Users?filter=${encodeURIComponent(`userName eq "nobody${i}@bench.example.com"`)}`), [200]));

    results.push(await phase(db, "GET one user", USER_READS, (i) => send("GET", `/Users/${userIds[(i * 7919) % USERS]}`), [200]));

    // The list page's statement, prepared and planned on each connection before it is measured (see the member PATCH).
    await warmUp(2 * CLIENTS, () => send("GET", "/Users?startIndex=1&count=100"), [200]);
    for (const startIndex of [1, Math.round(USERS / 2), USERS - 100]) {
      results.push(await phase(db, `list page at startIndex ${startIndex} (100 users)`, PAGE_READS, () =>
        send("GET", `/Users?startIndex=${startIndex}&count=100`), [200]));
    }

    results.push(await phase(db, "deactivate by PATCH", Math.min(DEACTIVATIONS, USERS), (i) =>
      send("PATCH", `/Users/${userIds[i]}`, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "Replace", path: "active", value: "False" }] }), [200]));

    // The cost of webhook delivery on SCIM writes: the same creates with and without an endpoint configured
    // (the worker that `npm start` runs delivers to a receiver beside this process). On a shared 2-core
    // machine the speed of the whole box drifts by more than the effect measured, so the two alternate in
    // rounds ordered A B B A A B B A (a linear drift cancels out), each state in a directory of its own.
    const receiver = spawn(process.execPath, ["-e", RECEIVER_SOURCE], { stdio: ["ignore", "pipe", "inherit"] });
    // The receiver stands for a customer's endpoint, which runs on another machine: here it takes the lowest
    // CPU priority (as the worker does), so that its own work competes as little as possible with what is
    // measured. Its CPU seconds are still reported below.
    if (receiver.pid) os.setPriority(receiver.pid, 19);
    const receiverUrl = await new Promise<string>((resolve) => receiver.stdout!.once("data", (c: Buffer) => resolve(`http://127.0.0.1:${c.toString().trim()}`)));
    const receivedSoFar = async () => Number(await (await fetchRetrying(`${receiverUrl}/count`)).text());
    const { key } = dsync(app, ["key", "create"]) as { key: string };
    const api = (method: string, p: string, body?: unknown) =>
      fetch(`${app.url}/api/v1${p}`, { method, headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

    // The endpoint belongs to an organisation of its own, which holds the directory of the rounds with an
    // endpoint; the rounds without one write to a directory of the first organisation. So the endpoint is
    // made once and never deleted (deleting cascades to its deliveries, and the vacuum after that would land
    // in the next rounds).
    const hooksSlug = `${slug}-hooks`;
    const hooksOrg = dsync(app, ["org", "create", "--name", "Benchmark webhooks", "--slug", hooksSlug]) as { id: string };
    const newDirectory = (org: string) => dsync(app, ["directory", "create", "--org", org, "--provider", "okta", "--mode", "full"]) as unknown as Directory;
    const createUsers = (label: string, dir: Directory, prefix: string, count: number) => {
      const h = { Authorization: `Bearer ${dir.token}`, "Content-Type": "application/scim+json" };
      return measure(label, count, (i) => http.send("POST", `${dir.scimBaseUrl}/Users`, h,
        { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: `${prefix}-${i}@bench.example.com`, emails: [{ value: `${prefix}-${i}@bench.example.com`, primary: true }] },
      ), [201]);
    };
    const hook = await api("POST", "/webhook-endpoints", { url: `${receiverUrl}/hook`, organization_id: hooksOrg.id });
    if (hook.status !== 201) throw new Error(`Could not create the webhook endpoint: ${hook.status} ${await hook.text()}`);
    /** Waits until the receiver has `count` webhooks, or a minute has passed. */
    const drain = async (count: number) => {
      for (const deadline = Date.now() + 60_000; (await receivedSoFar()) < count && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 100));
    };

    // Warm-up, as for the server above: until now the worker has delivered nothing, and its first few hundred
    // deliveries run unoptimised code (V8 has not compiled the HTTP client's and the queue's hot paths yet),
    // which would count against whichever round came first.
    await createUsers("warm-up", newDirectory(hooksSlug), "warmup", 300);
    await drain(300);
    const warmUpWebhooks = await receivedSoFar();

    const states = {
      without: { label: "create user, no webhook endpoint", runs: [] as Measured[], cpu: [] as Record<ProcessKind, number>[], created: 0 },
      with: { label: "create user, webhook endpoint configured", runs: [] as Measured[], cpu: [] as Record<ProcessKind, number>[], created: 0 },
    };
    const directories = { without: newDirectory(slug), with: newDirectory(hooksSlug) };
    const perRound = Math.ceil(WEBHOOK_COMPARISON_USERS / 4);
    const order = ["without", "with", "with", "without", "without", "with", "with", "without"] as const;
    let deliveredDuringRuns = 0;
    for (const [round, state] of order.entries()) {
      const s = states[state];
      const before = cpuSeconds(receiver.pid);
      const receivedBefore = await receivedSoFar();
      s.runs.push(await createUsers(s.label, directories[state], `${state}-${s.created}`, perRound));
      s.created += perRound;
      if (state === "with") deliveredDuringRuns += (await receivedSoFar()) - receivedBefore;
      // Before the next round without an endpoint: every create's dsync.user.created must have arrived, so
      // that no backlog runs into it. The CPU of this tail counts as the endpoint's, although the creates/s
      // above leave it out.
      if (state === "with" && order[round + 1] !== "with") await drain(warmUpWebhooks + states.with.created);
      s.cpu.push(cpuDelta(cpuSeconds(receiver.pid), before));
    }
    const receivedInAll = (await receivedSoFar()) - warmUpWebhooks;
    const deprovisioning = await measureDeprovisioning(http, directories.with, receiverUrl);
    receiver.kill("SIGTERM");
    const without = summarise(states.without.label, states.without.runs);
    const withHook = summarise(states.with.label, states.with.runs);
    const cpuWithout = sumCpu(states.without.cpu);
    const cpuWith = sumCpu(states.with.cpu);
    results.push(without, withHook);
    process.stdout.write(`${line(cells(without))}\n${line(cells(withHook))}\n`);
    const slowdown = Math.round((1 - withHook.opsPerSecond / without.opsPerSecond) * 1000) / 10;
    const roundRates = (runs: Measured[]) => runs.map((r) => Math.round(r.latencies.length / r.seconds)).join(", ");
    process.stdout.write(`\nWebhook endpoint configured: creates/s ${without.opsPerSecond} → ${withHook.opsPerSecond} (${slowdown}% slower), over rounds of ${perRound}: without ${roundRates(states.without.runs)}; with ${roundRates(states.with.runs)}\n`);
    process.stdout.write(`Webhooks: ${deliveredDuringRuns} of ${states.with.created} delivered while the creates ran, ${receivedInAll} in all (with dsync.activated)\n`);
    // Where the difference goes: CPU seconds per process during each state's rounds, and per 1,000 creates.
    process.stdout.write(`CPU seconds during the runs (per 1,000 creates), without → with an endpoint:\n`);
    for (const kind of Object.keys(cpuWith) as ProcessKind[]) {
      const per = (sec: number, r: Result) => ((sec / r.count) * 1000).toFixed(2);
      process.stdout.write(`  ${kind.padEnd(15)} ${cpuWithout[kind].toFixed(2).padStart(6)} (${per(cpuWithout[kind], without)}) → ${cpuWith[kind].toFixed(2).padStart(6)} (${per(cpuWith[kind], withHook)})\n`);
    }
    if (receivedInAll < states.with.created) process.stderr.write(`Only ${receivedInAll} of ${states.with.created} webhooks arrived\n`);

    process.stdout.write(`Deprovisioning: from the answer to \`active: false\` to account.deactivated at the receiver, ${deprovisioning.samples} samples one at a time: p50 ${deprovisioning.p50} ms, p95 ${deprovisioning.p95} ms, max ${deprovisioning.max} ms${deprovisioning.missing ? `, ${deprovisioning.missing} never arrived` : ""}\n`);
    await http.pool.close();

    report(results, peakRss, {
      analyzedAfterImportMs: analyzedAfterMs, webhookSlowdownPercent: slowdown, webhooksDeliveredDuringRun: deliveredDuringRuns, workerPeakRssMB: Math.round(peakWorkerRss / 2 ** 20),
      deprovisionP50Ms: deprovisioning.p50, deprovisionP95Ms: deprovisioning.p95, deprovisionMaxMs: deprovisioning.max,
    }, { withoutEndpoint: cpuWithout, withEndpoint: cpuWith });
  } finally {
    clearInterval(sampler);
    await db.end();
    await app.stop();
  }
}

/**
 * Deprovisioning latency (issue 13): users of a directory whose organisation has a webhook endpoint are deactivated
 * one at a time, 200 ms apart (as an identity provider deprovisions someone), and each is timed from the PATCH's
 * answer to the receiver's arrival of its account.deactivated. Both clocks are this machine's wall clock.
 */
async function measureDeprovisioning(http: ReturnType<typeof httpClient>, dir: Directory, receiverUrl: string) {
  const h = { Authorization: `Bearer ${dir.token}`, "Content-Type": "application/scim+json" };
  const answered = new Map<string, number>();
  for (let i = 0; i < DEPROVISION_SAMPLES; i++) {
    const email = `leaver-${i}@bench.example.com`;
    const created = await http.send("POST", `${dir.scimBaseUrl}/Users`, h, { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: email, emails: [{ value: email, primary: true }] });
    if (created.status !== 201) throw new Error(`Could not create ${email}: ${created.status} ${created.body}`);
    await new Promise((r) => setTimeout(r, 200));
    const res = await http.send("PATCH", created.location!.replace(/^https?:\/\/[^/]+/, new URL(dir.scimBaseUrl).origin), h,
      { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "active", value: false }] });
    answered.set(email, Date.now());
    if (res.status !== 200) throw new Error(`Could not deactivate ${email}: ${res.status} ${res.body}`);
  }
  await new Promise((r) => setTimeout(r, 3000));
  const arrived = (await (await fetchRetrying(`${receiverUrl}/deactivations`)).json()) as Record<string, number>;
  const latencies = [...answered].filter(([email]) => arrived[email] !== undefined).map(([email, at]) => Math.max(0, arrived[email]! - at)).sort((a, b) => a - b);
  return {
    samples: answered.size, missing: answered.size - latencies.length,
    p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: latencies.at(-1) ?? 0,
  };
}

const HEADER = ["operation", "count", "ops/s", "p50 ms", "p95 ms", "p99 ms", "server CPU ms/req", "PostgreSQL CPU ms/req", "errors"];
/** Fixed widths, so that each row can be printed the moment its phase ends and still line up with the rest. */
const WIDTHS = [44, 6, 6, 7, 7, 7, 17, 21, 6];
const line = (cellsOfRow: string[]) => cellsOfRow.map((c, i) => (i === 0 ? c.padEnd(WIDTHS[i]!) : c.padStart(WIDTHS[i]!))).join("  ");
const cells = (r: Result) => {
  const cpu = (ms: number | undefined) => (ms === undefined ? "" : ms.toFixed(2));
  return [r.operation, String(r.count), String(r.opsPerSecond), r.p50.toFixed(1), r.p95.toFixed(1), r.p99.toFixed(1), cpu(r.serverCpuMs), cpu(r.postgresCpuMs), String(r.errors)];
};

/** A GET to the receiver, tried again once if the connection it reused was closed under it. */
async function fetchRetrying(url: string): Promise<Response> {
  try {
    return await fetch(url);
  } catch {
    return await fetch(url);
  }
}

function report(results: Result[], peakRss: number, extra: Record<string, number>, cpuSecondsDuringWebhookComparison: Record<string, Record<ProcessKind, number>>) {
  const machine = { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version };
  process.stdout.write(`\n${line(HEADER)}\n${line(WIDTHS.map((w) => "-".repeat(w)))}\n${results.map((r) => line(cells(r))).join("\n")}\n`);
  const split = results.filter((r) => r.postgresCpuMsBy);
  process.stdout.write(`\nPostgreSQL CPU ms per request, by whose processes spent it (the rest: autovacuum, WAL writer, checkpointer, processes that ended)\n${
    split.map((r) => `${r.operation.padEnd(WIDTHS[0]!)}  ${POSTGRES_SHARES.map((s) => `${s} ${r.postgresCpuMsBy![s].toFixed(2)}`).join(" · ")}`).join("\n")}\n`);
  process.stdout.write(`\nSCIM path: ${SCIM_PATH} · Next.js server peak RSS: ${(peakRss / 2 ** 20).toFixed(0)} MB (webhook worker: ${extra.workerPeakRssMB} MB) · machine: ${machine.cpus} cores, ${machine.memoryGiB} GiB, Node ${machine.node} · load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}\n`);
  const out = { date: new Date().toISOString(), machine, scimPath: SCIM_PATH, loadAverage: os.loadavg(), clients: CLIENTS, scimDirectoryConcurrency: DIRECTORY_CONCURRENCY, sizes: { users: USERS, groups: GROUPS }, serverPeakRssMB: Math.round(peakRss / 2 ** 20), ...extra, cpuSecondsDuringWebhookComparison, results };
  mkdirSync(path.join(ROOT, "bench-results"), { recursive: true });
  const file = path.join(ROOT, "bench-results", `scim-${out.date.replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(out)}\nWritten to ${path.relative(ROOT, file)}\n`);
  if (results.some((r) => r.errors > 0)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : "";
  process.stderr.write(`Benchmark failed: ${err instanceof Error ? err.message : String(err)}${cause}\n${err instanceof Error ? err.stack : ""}\n`);
  process.exit(1);
});
