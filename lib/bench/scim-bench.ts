// `npm run bench:scim`: plays an identity provider's initial sync against the production build on a fresh
// embedded PostgreSQL, and prints, per operation, throughput and latency percentiles, plus the server's peak
// memory. Writes the same as JSON to bench-results/. A script, not a test: it measures, it does not gate.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startApp, type RunningApp } from "@/lib/testing/start-app";

const ROOT = path.resolve(import.meta.dirname, "../..");
const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const GROUPS = Number(process.env.BENCH_GROUPS ?? 200);
const MEMBERS_PER_GROUP = 50;
const LOOKUPS = 2_000;
const PAGE_READS = 200;
const DEACTIVATIONS = 1_000;
const CLIENTS = 8;
/** Creates per run of the webhook comparison: with and without an endpoint configured. */
const WEBHOOK_COMPARISON_USERS = Number(process.env.BENCH_WEBHOOK_USERS ?? 2_000);

type Directory = { id: string; scimBaseUrl: string; token: string };

/** A webhook receiver: prints its port, answers 200 to everything, prints how many it got on SIGTERM. */
const RECEIVER_SOURCE = `
let n = 0;
const server = require("node:http").createServer((req, res) => { req.resume(); req.on("end", () => { n++; res.writeHead(200).end(); }); });
server.listen(0, "127.0.0.1", () => process.stdout.write(server.address().port + "\\n"));
process.on("SIGTERM", () => { process.stdout.write(n + "\\n", () => process.exit(0)); });
`;
type Result = { operation: string; count: number; seconds: number; opsPerSecond: number; p50: number; p95: number; p99: number; errors: number };

function dsync(app: RunningApp, ...args: string[]) {
  const out = spawnSync(process.execPath, ["--import", "tsx", "lib/cli/main.ts", ...args, "--json"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: "", DATA_DIR: app.dataDir, APP_URL: app.url },
    encoding: "utf8",
  });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout) as Record<string, unknown>;
}

/** Resident memory of the launcher's children (Linux /proc), per kind: the Next.js server and the webhook worker. */
function childRss(launcherPid: number): { server: number; worker: number } {
  const rss = { server: 0, worker: 0 };
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      if (Number(status.match(/^PPid:\s+(\d+)/m)?.[1]) !== launcherPid) continue;
      // The command line, not the short process name: Next.js retitles its process "next-server (v…)".
      const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
      const bytes = Number(status.match(/^VmRSS:\s+(\d+)/m)?.[1] ?? 0) * 1024;
      if (command.includes("next-server") || command.includes("next/dist/bin/next")) rss.server += bytes;
      else if (command.includes("lib/worker/main.ts")) rss.worker += bytes;
    } catch {
      // the process ended while we looked
    }
  }
  return rss;
}

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs `count` requests from CLIENTS concurrent clients; each `make(i)` is one request. */
async function phase(operation: string, count: number, make: (i: number) => Promise<Response>, expected: number[]): Promise<Result> {
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
        const body = await res.text();
        latencies.push(performance.now() - t0);
        if (!expected.includes(res.status)) {
          errors++;
          firstError ||= `${res.status} ${body.slice(0, 200)}`;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  if (errors) process.stderr.write(`${operation}: ${errors} unexpected answers, first: ${firstError}\n`);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    operation, count, seconds: round(seconds), opsPerSecond: Math.round(count / seconds),
    p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), p99: round(percentile(latencies, 99)), errors,
  };
}

async function main() {
  process.stdout.write("Starting the production build on a fresh embedded PostgreSQL…\n");
  const app = await startApp();
  let peakRss = 0;
  let peakWorkerRss = 0;
  const sampler = setInterval(() => {
    const rss = childRss(app.process.pid!);
    peakRss = Math.max(peakRss, rss.server);
    peakWorkerRss = Math.max(peakWorkerRss, rss.worker);
  }, 200);
  try {
    const slug = `bench-${Date.now().toString(36)}`;
    dsync(app, "org", "create", "--name", "Benchmark", "--slug", slug);
    const dir = dsync(app, "directory", "create", "--org", slug, "--provider", "entra", "--mode", "full") as unknown as Directory;
    const headers = { Authorization: `Bearer ${dir.token}`, "Content-Type": "application/scim+json" };
    const send = (method: string, p: string, body?: unknown) =>
      fetch(`${dir.scimBaseUrl}${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });

    // Warm-up: the first requests of a Next.js process compile and load its route modules.
    for (let i = 0; i < 20; i++) await (await send("GET", `/Users?filter=userName eq "warmup${i}"`)).text();

    const results: Result[] = [];
    const userIds: string[] = new Array(USERS);
    results.push(await phase(`create user (${CLIENTS} clients)`, USERS, async (i) => {
      const res = await send("POST", "/Users", {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
        externalId: `ext-${i}`,
        userName: `user${i}@bench.example.com`,
        name: { givenName: `Given${i}`, familyName: `Family${i}` },
        displayName: `User ${i}`,
        emails: [{ value: `user${i}@bench.example.com`, type: "work", primary: true }],
        active: true,
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: `Dept ${i % 20}`, employeeNumber: String(i) },
      });
      if (res.status === 201) userIds[i] = (res.headers.get("location") ?? "").split("/").pop()!;
      return res;
    }, [201]));

    const groupIds: string[] = new Array(GROUPS);
    results.push(await phase("create group", GROUPS, async (i) => {
      const res = await send("POST", "/Groups", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: `Group ${i}`, externalId: `g-${i}` });
      if (res.status === 201) groupIds[i] = (res.headers.get("location") ?? "").split("/").pop()!;
      return res;
    }, [201]));

    results.push(await phase(`add ${MEMBERS_PER_GROUP} members by PATCH`, GROUPS, (i) =>
      send("PATCH", `/Groups/${groupIds[i]}`, {
        schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        Operations: [{ op: "Add", path: "members", value: Array.from({ length: MEMBERS_PER_GROUP }, (_, k) => ({ value: userIds[(i * MEMBERS_PER_GROUP + k) % USERS] })) }],
      }), [204]));

    results.push(await phase("userName eq lookup", LOOKUPS, (i) =>
      send("GET", `/Users?filter=${encodeURIComponent(`userName eq "user${(i * 7919) % USERS}@bench.example.com"`)}`), [200]));

    for (const startIndex of [1, Math.round(USERS / 2), USERS - 100]) {
      results.push(await phase(`list page at startIndex ${startIndex} (100 users)`, PAGE_READS, () =>
        send("GET", `/Users?startIndex=${startIndex}&count=100`), [200]));
    }

    results.push(await phase("deactivate by PATCH", Math.min(DEACTIVATIONS, USERS), (i) =>
      send("PATCH", `/Users/${userIds[i]}`, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "Replace", path: "active", value: "False" }] }), [200]));

    // The cost of the outbox and of webhook delivery on SCIM writes: the same creates, before and after an
    // endpoint exists (the worker that `npm start` runs delivers to a receiver in this process).
    const createsInNewDirectory = async (label: string) => {
      const other = dsync(app, "directory", "create", "--org", slug, "--provider", "okta", "--mode", "full") as unknown as Directory;
      const h = { Authorization: `Bearer ${other.token}`, "Content-Type": "application/scim+json" };
      const tag = label.replace(/\W+/g, "-");
      return phase(label, WEBHOOK_COMPARISON_USERS, (i) => fetch(`${other.scimBaseUrl}/Users`, {
        method: "POST", headers: h,
        body: JSON.stringify({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: `${tag}-${i}@bench.example.com`, emails: [{ value: `${tag}-${i}@bench.example.com`, primary: true }] }),
      }), [201]);
    };
    const without = await createsInNewDirectory("create user, no webhook endpoint");
    // The receiver runs in its own low-priority process, as a customer's endpoint would run elsewhere: it
    // must not take the load generator's time.
    const receiver = spawn(process.execPath, ["-e", RECEIVER_SOURCE], { stdio: ["ignore", "pipe", "inherit"] });
    if (receiver.pid) os.setPriority(receiver.pid, 10);
    const receiverPort = await new Promise<number>((resolve) => receiver.stdout!.once("data", (c: Buffer) => resolve(Number(c.toString().trim()))));
    const { key } = dsync(app, "key", "create") as { key: string };
    const hook = await fetch(`${app.url}/api/v1/webhook-endpoints`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: JSON.stringify({ url: `http://127.0.0.1:${receiverPort}/hook` }),
    });
    if (hook.status !== 201) throw new Error(`Could not create the webhook endpoint: ${hook.status} ${await hook.text()}`);
    const withHook = await createsInNewDirectory("create user, webhook endpoint configured");
    const delivered = await new Promise<number>((resolve) => {
      receiver.stdout!.once("data", (c: Buffer) => resolve(Number(c.toString().trim())));
      receiver.kill("SIGTERM");
    });
    results.push(without, withHook);
    const slowdown = Math.round((1 - withHook.opsPerSecond / without.opsPerSecond) * 1000) / 10;
    process.stdout.write(`\nWebhook endpoint configured: creates/s ${without.opsPerSecond} → ${withHook.opsPerSecond} (${slowdown}% slower); ${delivered} webhooks delivered meanwhile\n`);

    report(results, peakRss, { webhookSlowdownPercent: slowdown, webhooksDeliveredDuringRun: delivered, workerPeakRssMB: Math.round(peakWorkerRss / 2 ** 20) });
  } finally {
    clearInterval(sampler);
    await app.stop();
  }
}

function report(results: Result[], peakRss: number, extra: Record<string, number>) {
  const header = ["operation", "count", "ops/s", "p50 ms", "p95 ms", "p99 ms", "errors"];
  const rows = results.map((r) => [r.operation, String(r.count), String(r.opsPerSecond), r.p50.toFixed(1), r.p95.toFixed(1), r.p99.toFixed(1), String(r.errors)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  const machine = { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version };
  process.stdout.write(`\n${line(header)}\n${line(widths.map((w) => "-".repeat(w)))}\n${rows.map(line).join("\n")}\n`);
  process.stdout.write(`\nNext.js server peak RSS: ${(peakRss / 2 ** 20).toFixed(0)} MB (webhook worker: ${extra.workerPeakRssMB} MB) · machine: ${machine.cpus} cores, ${machine.memoryGiB} GiB, Node ${machine.node}\n`);
  const out = { date: new Date().toISOString(), machine, clients: CLIENTS, serverPeakRssMB: Math.round(peakRss / 2 ** 20), ...extra, results };
  mkdirSync(path.join(ROOT, "bench-results"), { recursive: true });
  const file = path.join(ROOT, "bench-results", `scim-${out.date.replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(out)}\nWritten to ${path.relative(ROOT, file)}\n`);
  if (results.some((r) => r.errors > 0)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`Benchmark failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
