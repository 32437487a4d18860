// Helpers for the kill -9 specs: each spec runs its own `npm start` (lib/testing/start-app.ts), so that it can
// crash that app's processes without touching the app the other specs share.
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type pg from "pg";
import { embeddedDatabaseUrl, type RunningApp } from "../../lib/testing/start-app";
import { queryOnce } from "../../lib/testing/query-once";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Every process under `pid` (children, their children, …), from /proc: the launcher's Next.js, worker and PostgreSQL. */
export function descendantsOf(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces or parentheses, so split after the last ")".
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // exited meanwhile
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [child, ppid] of parentOf) {
      if (ppid !== parent) continue;
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

export function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").trim();
  } catch {
    return "";
  }
}

/** Alive and not a zombie. */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !["Z", "X"].includes(stat.slice(stat.lastIndexOf(")") + 2)[0]!);
  } catch {
    return false;
  }
}

/** The webhook worker that the launcher runs (`lib/worker/main.ts`). */
export function workerPidOf(app: RunningApp): number | undefined {
  return descendantsOf(app.process.pid!).find((pid) => isRunning(pid) && commandLineOf(pid).includes("lib/worker/main.ts"));
}

/** The Next.js server that the launcher runs. */
export function nextPidOf(app: RunningApp): number | undefined {
  return descendantsOf(app.process.pid!).find((pid) => isRunning(pid) && /next(\/dist\/bin\/next| start|-server)/.test(commandLineOf(pid)));
}

/** The embedded PostgreSQL's postmaster, from line 1 of its postmaster.pid. */
export function postmasterPidOf(dataDir: string): number {
  return Number(readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
}

export function kill9(pid: number) {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/** Polls `check` every `intervalMs` until it returns true or `timeoutMs` passes; returns whether it did. */
export async function waitUntil(check: () => boolean | Promise<boolean>, { timeoutMs, intervalMs = 100 }: { timeoutMs: number; intervalMs?: number }): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export async function healthStatus(app: RunningApp): Promise<number> {
  try {
    const res = await fetch(`${app.url}/api/health`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** `npm run dsync -- … --json` against this app's database. */
export function dsync<T = Record<string, unknown>>(app: RunningApp, ...args: string[]): T {
  const result = spawnSync(process.execPath, ["--import", "tsx", "lib/cli/main.ts", ...args, "--json"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: "", DATA_DIR: app.dataDir, APP_URL: app.url },
    encoding: "utf8",
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`dsync ${args.join(" ")} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

export type Directory = { id: string; scimBaseUrl: string; token: string };

/** An organisation with a full-provisioning directory, and a global API key (which may target loopback webhooks). */
export function newTenant(app: RunningApp, label: string): { directory: Directory; apiKey: string } {
  const slug = `${label}-${Date.now().toString(36)}`;
  dsync(app, "org", "create", "--name", label, "--slug", slug);
  const directory = dsync<Directory>(app, "directory", "create", "--org", slug, "--provider", "okta", "--mode", "full");
  const { key } = dsync<{ key: string }>(app, "key", "create", "--name", `${label} operator`);
  return { directory, apiKey: key };
}

export async function createWebhookEndpoint(app: RunningApp, apiKey: string, url: string): Promise<void> {
  const res = await fetch(`${app.url}/api/v1/webhook-endpoints`, {
    method: "POST",
    headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
    body: JSON.stringify({ url, event_types: ["dsync.user.created"] }),
  });
  if (res.status !== 201) throw new Error(`creating the webhook endpoint answered ${res.status}: ${await res.text()}`);
}

/** POST /Users; resolves to the HTTP status, or 0 when the request failed outright. */
export async function createUser(dir: Directory, userName: string): Promise<number> {
  try {
    const res = await fetch(`${dir.scimBaseUrl}/Users`, {
      method: "POST",
      headers: { Authorization: `Bearer ${dir.token}`, "Content-Type": "application/scim+json" },
      body: JSON.stringify({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName, active: true }),
      signal: AbortSignal.timeout(15_000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

export type Arrival = { eventId: string; userName: string; at: number };

/**
 * A webhook receiver on loopback that answers each request after `delayMs`. It records every request it read
 * in full (an arrival, even when the sender dies before the answer), and which ones are open: read, not yet
 * answered.
 */
export async function webhookReceiver({ delayMs }: { delayMs: number }) {
  const arrivals: Arrival[] = [];
  const open = new Set<http.ServerResponse>();
  let lastAnsweredAt = 0;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const payload = JSON.parse(body) as { data: { user_name: string } };
      arrivals.push({ eventId: String(req.headers["rollcall-event-id"]), userName: payload.data.user_name, at: Date.now() });
      open.add(res);
      setTimeout(() => {
        open.delete(res);
        if (!res.destroyed) res.writeHead(200).end("ok", () => (lastAnsweredAt = Date.now()));
      }, delayMs);
    });
    res.on("close", () => open.delete(res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    arrivals,
    /** Requests read in full and not yet answered (their sender may still be waiting). */
    openCount: () => open.size,
    lastAnsweredAt: () => lastAnsweredAt,
    distinctEvents: () => new Set(arrivals.map((a) => a.eventId)).size,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** One SQL statement on this app's embedded PostgreSQL. */
export async function appSql<T extends pg.QueryResultRow = Record<string, unknown>>(app: RunningApp, text: string, params: unknown[] = []): Promise<T[]> {
  return queryOnce<T>(await embeddedDatabaseUrl(app.dataDir), text, params);
}
