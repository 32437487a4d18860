// `npm run bench:console`: the admin console at scale (issue 15, part 4). Starts the production build on a fresh
// embedded PostgreSQL, seeds 100,000 directory users and 1,000,000 sync-log entries (the last 24 hours) across
// organisations, signs a member of staff in, and times the console's pages and search over real HTTP: the whole
// HTML of each page, and the JSON the sync-log pages load. Prints a table and JSON (also written to
// bench-results/), and the query plans of the search and the 24-hour figures. A script, not a test.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { Pool } from "undici";
import { searchDirectoryUsersQuery } from "@/lib/directory/search-directory-users";
import { embeddedDatabaseUrl, startApp, type RunningApp } from "@/lib/testing/start-app";

const ROOT = path.resolve(import.meta.dirname, "../..");
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const USERS = env("BENCH_USERS", 100_000);
const LOG_ENTRIES = env("BENCH_LOG_ENTRIES", 1_000_000);
const ORGANIZATIONS = env("BENCH_ORGANIZATIONS", 20);
const READS = env("BENCH_READS", 20);
/**
 * With BENCH_DATA_DIR, the seeded database is kept in that directory and a later run with the same sizes reuses
 * it instead of seeding again (seeding a million entries takes minutes on this machine). A reused seed is older
 * than its "last 24 hours", so figures that depend on recent traffic (health, counters) differ from a fresh run:
 * for working on the pages; the README's numbers come from fresh runs.
 */
const KEPT_DATA_DIR = process.env.BENCH_DATA_DIR ? path.resolve(process.env.BENCH_DATA_DIR) : undefined;
/** The console's aim (issue 15): pages and search answer within 300 ms. */
const AIM_MS = 300;

const FIRST = ["Margaret", "Grace", "Ada", "Alan", "Katherine", "Dorothy", "Edsger", "Barbara", "Donald", "Frances", "John", "Radia", "Ken", "Sophie", "Tim", "Hedy", "Claude", "Lynn", "Niklaus", "Shafi"];
const LAST = ["Hamilton", "Hopper", "Lovelace", "Turing", "Johnson", "Vaughan", "Dijkstra", "Liskov", "Knuth", "Allen", "Backus", "Perlman", "Thompson", "Wilson", "Berners-Lee", "Lamarr", "Shannon", "Conway", "Wirth", "Goldwasser"];

// The time part of a Rollcall id (lib/ids.ts): milliseconds as 10 Crockford base32 characters, so seeded entries
// sort by time as real ones do (the same expression as e2e/admin/scale.spec.ts).
const idTime = (ms: string) =>
  `(SELECT string_agg(substr('0123456789abcdefghjkmnpqrstvwxyz', (((${ms}) >> (5 * (9 - k))) & 31)::int + 1, 1), '' ORDER BY k) FROM generate_series(0, 9) k)`;

type Row = { page: string; path: string; reads: number; p50: number; p95: number; max: number; cpuMsPerRead: number; status: number; bytes: number; aimMet: boolean };

/**
 * CPU time (user + system, ms) of the Next.js server process, which the launcher spawns (lib/server/main.ts) beside
 * PostgreSQL and the worker. Those two are not counted: their background work (autovacuum after the seed,
 * checkpoints, the job poll) would be charged to whichever page ran then. Wall times here move with whatever else
 * the machine runs (the guide: measure CPU time per request); this is the rendering and request work a page
 * costs, whatever the load. The queries' own cost is in their plans (EXPLAIN ANALYZE).
 */
function serverCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command (field 2) is in parentheses and may hold spaces: count the fields after its closing one.
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(f[11]) + Number(f[12])) * 10; // USER_HZ is 100 on Linux
}

/** The launcher's child that runs lib/server/next-server.mjs. */
function nextServerPid(launcher: number): number {
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const parent = Number(readFileSync(`/proc/${name}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
      if (parent === launcher && readFileSync(`/proc/${name}/cmdline`, "utf8").includes("next-server.mjs")) return Number(name);
    } catch {
      // ended meanwhile
    }
  }
  throw new Error(`No next-server.mjs process under the launcher (${launcher})`);
}

function dsync(app: RunningApp, input: string, ...args: string[]) {
  const out = spawnSync(process.execPath, ["--import", "tsx", "lib/cli/main.ts", ...args, "--json"], {
    cwd: ROOT, input,
    env: { ...process.env, DATABASE_URL: "", DATA_DIR: app.dataDir, APP_URL: app.url },
    encoding: "utf8",
  });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout) as Record<string, unknown>;
}

async function seed(db: pg.Client) {
  const started = Date.now();
  // Organisations with one SCIM directory each; the first holds every user (the worst case for its search).
  await db.query(
    `INSERT INTO "Organization" ("id", "slug", "name", "domains", "updatedAt")
     SELECT 'org_bench' || lpad(i::text, 4, '0'), 'bench-' || i, 'Bench Customer ' || i, ARRAY['customer' || i || '.example.com'], now()
       FROM generate_series(1, $1::int) i`,
    [ORGANIZATIONS],
  );
  await db.query(
    `INSERT INTO "Directory" ("id", "organizationId", "name", "provider", "status", "updatedAt")
     SELECT 'dir_bench' || lpad(i::text, 4, '0'), 'org_bench' || lpad(i::text, 4, '0'), 'Entra ID', 'entra', 'ACTIVE', now()
       FROM generate_series(1, $1::int) i`,
    [ORGANIZATIONS],
  );
  // Two customers who signed up a moment ago, the newest and so first in the list: one whose directory awaits its
  // first request, one with no directory yet. A directory with no entry in the log is the case that once made the
  // organisation list read the whole log (lib/db/by-key-newest-first.ts).
  await db.query(
    `INSERT INTO "Organization" ("id", "slug", "name", "domains", "updatedAt")
     SELECT 'org_bench' || lpad(i::text, 4, '0'), 'bench-' || i, 'Bench Customer ' || i, ARRAY['customer' || i || '.example.com'], now()
       FROM generate_series($1::int + 1, $1::int + 2) i`,
    [ORGANIZATIONS],
  );
  await db.query(
    `INSERT INTO "Directory" ("id", "organizationId", "name", "provider", "status", "updatedAt")
     VALUES ('dir_bench' || lpad(($1::int + 1)::text, 4, '0'), 'org_bench' || lpad(($1::int + 1)::text, 4, '0'), 'Okta', 'okta', 'PENDING', now())`,
    [ORGANIZATIONS],
  );
  // Users shaped as SCIM writes leave them, with names that repeat (20 × 20 pairs) as real ones do.
  await db.query(
    `INSERT INTO "DirectoryUser" ("id", "organizationId", "directoryId", "userName", "externalId", "email", "givenName", "familyName", "displayName", "active", "attributes", "createdAt", "updatedAt")
     SELECT 'usr_' || lpad(to_hex(i), 26, '0'), 'org_bench0001', 'dir_bench0001', u.login || '@customer1.example.com', 'ext-' || i,
            u.login || '@customer1.example.com', u.given, u.family, u.given || ' ' || u.family, i % 50 <> 0,
            jsonb_build_object('schemas', jsonb_build_array('urn:ietf:params:scim:schemas:core:2.0:User'), 'userName', u.login || '@customer1.example.com',
              'name', jsonb_build_object('givenName', u.given, 'familyName', u.family), 'displayName', u.given || ' ' || u.family, 'active', i % 50 <> 0),
            now() - make_interval(secs => i), now() - make_interval(secs => i)
       FROM generate_series(1, $1::int) i,
            LATERAL (SELECT ($2::text[])[1 + i % 20] AS given, ($3::text[])[1 + (i / 20) % 20] AS family) n,
            LATERAL (SELECT lower(n.given || '.' || replace(n.family, '-', '') || '.' || i) AS login, n.given, n.family) u`,
    [USERS, FIRST, LAST],
  );
  // A million entries over the last 24 hours: 60% to the big directory, the rest spread over the others. Written
  // as SCIM writes are, so the trigger keeps the hourly counters as it does in production.
  const batch = 100_000;
  for (let from = 1; from <= LOG_ENTRIES; from += batch) {
    await db.query(
      `INSERT INTO "SyncLogEntry" ("id", "organizationId", "directoryId", "createdAt", "method", "path", "status", "latencyMs", "tokenPrefix", "resourceType", "resourceId", "actions", "subject")
       SELECT 'log_' || ${idTime("t.ms")} || lpad(to_hex(i), 16, '0'), 'org_bench' || lpad(d.n::text, 4, '0'), 'dir_bench' || lpad(d.n::text, 4, '0'), to_timestamp(t.ms / 1000.0),
              CASE WHEN i % 3 = 0 THEN 'GET' ELSE 'PATCH' END, '/Users/usr_' || lpad(to_hex(i % $3::int), 26, '0'),
              CASE WHEN i % 97 = 0 THEN 500 WHEN i % 13 = 0 THEN 401 WHEN i % 7 = 0 THEN 409 ELSE 200 END,
              (i % 40) + 3, 'rc_scim_bench', 'User', 'usr_' || lpad(to_hex(i % $3::int), 26, '0'),
              CASE WHEN i % 3 = 0 THEN '{}'::text[] ELSE ARRAY['user.updated'] END, 'user' || (i % $3::int) || '@customer1.example.com'
         FROM generate_series($1::int, $2::int) i,
              LATERAL (SELECT CASE WHEN i % 10 < 6 THEN 1 ELSE 2 + i % ($4::int - 1) END AS n) d,
              LATERAL (SELECT (extract(epoch FROM now()) * 1000)::bigint - ($5::bigint - i::bigint) * (86_000_000::bigint / $5::bigint) AS ms) t`,
      [from, Math.min(from + batch - 1, LOG_ENTRIES), USERS, ORGANIZATIONS, LOG_ENTRIES],
    );
  }
  for (const table of ["DirectoryUser", "SyncLogEntry", "SyncLogHourlyCount", "Organization", "Directory"]) await db.query(`VACUUM ANALYZE "${table}"`);
  return (Date.now() - started) / 1000;
}

/** Signs in as next-auth's credentials provider expects a browser to: the CSRF cookie and token, then the form. */
async function signIn(http: Pool, email: string, password: string): Promise<string> {
  const csrf = await http.request({ method: "GET", path: "/api/auth/csrf", headers: { accept: "application/json" } });
  const csrfBody = await csrf.body.text();
  if (csrf.statusCode !== 200) throw new Error(`GET /api/auth/csrf answered ${csrf.statusCode}: ${csrfBody.slice(0, 300)}`);
  const { csrfToken } = JSON.parse(csrfBody) as { csrfToken: string };
  const cookies = new Map<string, string>();
  const keep = (header: string | string[] | undefined) => {
    for (const c of [header ?? []].flat()) {
      const [pair] = c.split(";");
      const at = pair!.indexOf("=");
      cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  keep(csrf.headers["set-cookie"]);
  const cookie = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await http.request({
    method: "POST", path: "/api/auth/callback/credentials",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
  });
  await res.body.text();
  keep(res.headers["set-cookie"]);
  if (![...cookies.keys()].some((k) => k.includes("session-token"))) throw new Error(`Staff sign-in failed (${res.statusCode})`);
  return cookie();
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function time(http: Pool, cookie: string, page: string, urlPath: string, expect: (body: string) => boolean): Promise<Row> {
  const ms: number[] = [];
  let cpuBefore = 0;
  let status = 0;
  let bytes = 0;
  // One warm-up read: the first request of a route loads its module.
  for (let i = 0; i <= READS; i++) {
    if (i === 1) cpuBefore = serverCpuMs(serverPid);
    const started = performance.now();
    const res = await http.request({ method: "GET", path: urlPath, headers: { cookie } });
    const body = await res.body.text();
    const elapsed = performance.now() - started;
    status = res.statusCode;
    bytes = body.length;
    if (status !== 200 || !expect(body)) throw new Error(`${page}: ${urlPath} answered ${status} without what it should show:\n${body.slice(0, 500)}`);
    if (i > 0) ms.push(elapsed);
  }
  const cpuMsPerRead = round((serverCpuMs(serverPid) - cpuBefore) / READS);
  ms.sort((a, b) => a - b);
  const row = { page, path: urlPath, reads: READS, p50: round(percentile(ms, 50)), p95: round(percentile(ms, 95)), max: round(ms.at(-1)!), cpuMsPerRead, status, bytes, aimMet: percentile(ms, 95) < AIM_MS };
  process.stdout.write(`${line(cells(row))}\n`);
  return row;
}

/** The Next.js server's process id, whose CPU time each page is charged. */
let serverPid = 0;
const round = (n: number) => Math.round(n * 10) / 10;
const WIDTHS = [52, 6, 8, 8, 8, 13, 10];
const HEADER = ["page (HTML, or the JSON it loads)", "reads", "p50 ms", "p95 ms", "max ms", "server CPU ms", "p95 < 300"];
const cells = (r: Row) => [r.page, String(r.reads), r.p50.toFixed(1), r.p95.toFixed(1), r.max.toFixed(1), r.cpuMsPerRead.toFixed(1), r.aimMet ? "yes" : "NO"];
const line = (c: string[]) => c.map((v, i) => (i === 0 ? v.padEnd(WIDTHS[i]!) : v.padStart(WIDTHS[i]!))).join("  ");

async function explain(db: pg.Client, query: string, params: unknown[]) {
  const { rows } = await db.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS OFF, COSTS OFF) ${query}`, params);
  return rows.map((r) => r["QUERY PLAN"]);
}

async function main() {
  process.stdout.write(`Starting the production build on a fresh embedded PostgreSQL (sizes: BENCH_USERS=${USERS}, BENCH_LOG_ENTRIES=${LOG_ENTRIES}, BENCH_ORGANIZATIONS=${ORGANIZATIONS}, BENCH_READS=${READS})…\n`);
  if (KEPT_DATA_DIR && !existsSync(KEPT_DATA_DIR)) {
    mkdirSync(KEPT_DATA_DIR, { recursive: true });
    // The embedded server runs as the `postgres` user, which must be able to enter this directory.
    chmodSync(KEPT_DATA_DIR, 0o755);
  }
  const app = await startApp({ HEALTH_CHECK_INTERVAL_SECONDS: "3600" }, { dataDir: KEPT_DATA_DIR });
  const db = new pg.Client({ connectionString: await embeddedDatabaseUrl(app.dataDir) });
  await db.connect();
  const http = new Pool(app.url, { connections: 1, keepAliveTimeout: 60_000 });
  serverPid = nextServerPid(app.process.pid!);
  try {
    const sizes = `${USERS}/${LOG_ENTRIES}/${ORGANIZATIONS}`;
    const seeded = KEPT_DATA_DIR && existsSync(path.join(KEPT_DATA_DIR, "bench-seeded")) ? readFileSync(path.join(KEPT_DATA_DIR, "bench-seeded"), "utf8") : undefined;
    if (seeded !== undefined && seeded !== sizes) throw new Error(`${KEPT_DATA_DIR} was seeded with other sizes (${seeded}); remove it or pick another BENCH_DATA_DIR`);
    const seedSeconds = seeded ? 0 : await seed(db);
    if (KEPT_DATA_DIR && !seeded) writeFileSync(path.join(KEPT_DATA_DIR, "bench-seeded"), sizes);
    if (seeded) process.stdout.write(`Reusing the database seeded in ${KEPT_DATA_DIR} (${sizes}).\n`);
    else process.stdout.write(`Seeded ${USERS} users and ${LOG_ENTRIES} sync-log entries across ${ORGANIZATIONS} organisations (and two new ones with no requests) in ${seedSeconds.toFixed(0)} s.\n`);
    const email = `bench-${Date.now().toString(36)}@staff.rollcall.test`;
    const password = "correct horse console battery";
    dsync(app, `${password}\n`, "staff", "create", "--email", email, "--role", "admin", "--password-stdin");
    const cookie = await signIn(http, email, password);

    const dir = "/admin/directories/dir_bench0001";
    const someUser = `usr_${Math.min(4242, USERS - 1).toString(16).padStart(26, "0")}`;
    // User i is FIRST[i % 20] LAST[(i / 20) % 20]: a multiple of 400 is a Margaret Hamilton.
    const margaret = `margaret.hamilton.${USERS > 4000 ? 4000 : 400}`;
    process.stdout.write(`\n${line(HEADER)}\n${line(WIDTHS.map((w) => "-".repeat(w)))}\n`);
    const has = (text: string) => (body: string) => body.includes(text);
    const rows: Row[] = [
      await time(http, cookie, "organisations", "/admin/organizations", has("Bench Customer 1<")),
      await time(http, cookie, "organisations, search", "/admin/organizations?q=customer1", has("Bench Customer 1<")),
      await time(http, cookie, "organisation (its directory has every user)", "/admin/organizations/org_bench0001", has("Entra ID")),
      await time(http, cookie, "directory users, first page", `${dir}/users`, has("@customer1.example.com")),
      await time(http, cookie, "directory users, a later page", `${dir}/users?after=usr_${Math.floor(USERS * 0.6).toString(16).padStart(26, "0")}`, has("@customer1.example.com")),
      await time(http, cookie, "search: exact email", `${dir}/users?q=${margaret}%40customer1.example.com`, has(`${margaret}@customer1.example.com`)),
      await time(http, cookie, "search: part of a userName (1 match)", `${dir}/users?q=${margaret.slice(9)}%40`, has(`${margaret}@customer1.example.com`)),
      await time(http, cookie, "search: a full name (250 match)", `${dir}/users?q=Margaret%20Hamilton`, has("margaret.hamilton.")),
      await time(http, cookie, "search: a family name (5,000 match)", `${dir}/users?q=lovelace`, has(".lovelace.")),
      await time(http, cookie, "search: text no user has", `${dir}/users?q=zebedee`, has("No user matches")),
      await time(http, cookie, "search: exact id", `${dir}/users?q=${someUser}`, has(someUser)),
      await time(http, cookie, "directory user", `${dir}/users/${someUser}`, has("Sync history")),
      await time(http, cookie, "directory sync log (page)", `${dir}/sync-log`, has("Sync log")),
      await time(http, cookie, "directory sync log (its JSON)", "/api/admin/sync-log?directory=dir_bench0001", has("\"data\"")),
      await time(http, cookie, "sync log, every organisation (page)", "/admin/sync-log", has("Sync log")),
      await time(http, cookie, "sync log, every organisation (its JSON)", "/api/admin/sync-log", has("\"data\"")),
      await time(http, cookie, "sync log, only errors (its JSON)", "/api/admin/sync-log?errors=only", has("\"data\"")),
      await time(http, cookie, "audit trail", "/admin/audit", has("Audit trail")),
    ];

    // The plans that make it fast, and the old 24-hour count beside the counters that replaced it.
    const search = searchDirectoryUsersQuery({ directoryId: "dir_bench0001", organizationId: "org_bench0001", q: "zebedee", limit: 50 });
    const plans = {
      searchFamilyName: await explain(db, search.text, search.params),
      counters24h: await explain(db, `SELECT COALESCE(sum(c."requests"), 0)::int, COALESCE(sum(c."failures"), 0)::int FROM "SyncLogHourlyCount" c WHERE c."organizationId" = $1 AND c."hour" >= now() - interval '23 hours'`, ["org_bench0001"]),
    };
    const before = performance.now();
    await db.query(`SELECT count(*)::int, count(*) FILTER (WHERE l."status" = 401 OR l."status" >= 500 OR l."latencyMs" >= 30000)::int FROM "SyncLogEntry" l WHERE l."organizationId" = $1 AND l."createdAt" >= now() - interval '24 hours'`, ["org_bench0001"]);
    const oldCountMs = round(performance.now() - before);
    const after = performance.now();
    await db.query(`SELECT COALESCE(sum(c."requests"), 0)::int, COALESCE(sum(c."failures"), 0)::int FROM "SyncLogHourlyCount" c WHERE c."organizationId" = $1 AND c."hour" >= now() - interval '23 hours'`, ["org_bench0001"]);
    const countersMs = round(performance.now() - after);

    const machine = { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverage: os.loadavg().map(round) };
    process.stdout.write(`\nThe biggest organisation's 24-hour figures: counting its log ${oldCountMs} ms (as before), its hourly counters ${countersMs} ms.\n`);
    process.stdout.write(`Plan of a search for text no user has:\n  ${plans.searchFamilyName.join("\n  ")}\n`);
    const out = { date: new Date().toISOString(), machine, sizes: { users: USERS, logEntries: LOG_ENTRIES, organizations: ORGANIZATIONS, reads: READS }, seedSeconds: round(seedSeconds), aimMs: AIM_MS, twentyFourHourFigures: { countingTheLogMs: oldCountMs, hourlyCountersMs: countersMs }, plans, results: rows };
    mkdirSync(path.join(ROOT, "bench-results"), { recursive: true });
    const file = path.join(ROOT, "bench-results", `console-${out.date.replace(/[:.]/g, "-")}.json`);
    writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(out)}\nWritten to ${path.relative(ROOT, file)}\n`);
    if (rows.some((r) => !r.aimMet)) process.stdout.write(`Pages whose p95 is 300 ms or more: ${rows.filter((r) => !r.aimMet).map((r) => r.page).join(", ")}\n`);
  } finally {
    await http.close();
    await db.end();
    await app.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`Benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
