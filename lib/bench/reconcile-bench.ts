// `npm run bench:reconcile`: reconciles a pulled directory of 50,000 users against a snapshot with 1% changes
// (0.5% updated, 0.25% new, 0.25% gone) on a fresh throwaway PostgreSQL, and prints the time of each phase and
// the process's peak memory as a table and as JSON. changes/s is the changes over the apply phase alone, the part
// that writes (each change its own transaction with its events and sync-log entry); planning is reported apart.
// A script, not a test: it measures, it does not gate.
import { disconnectDb } from "@/lib/db/client";
import { sql } from "@/lib/db/sql";
import { createPulledDirectory } from "@/lib/directory-pull/create-pulled-directory";
import { runDirectorySync } from "@/lib/directory-pull/run-directory-sync";
import type { SnapshotUser } from "@/lib/directory-pull/snapshot";
import { createOrganization } from "@/lib/organizations/create-organization";
import { startThrowawayPostgres } from "@/lib/testing/throwaway-postgres";

const USERS = Number(process.env.BENCH_USERS ?? 50_000);
const CHANGED = Math.round(USERS * 0.005);
const ADDED = Math.round(USERS * 0.0025);
const REMOVED = Math.round(USERS * 0.0025);

const person = (i: number, givenName = `Given${i}`): SnapshotUser => ({
  externalId: `g-${i}`, userName: `user${i}@acme.com`, email: `user${i}@acme.com`, givenName, familyName: `Family${i}`,
  displayName: `${givenName} Family${i}`, department: null, manager: null, active: true,
});

async function main() {
  const pg = await startThrowawayPostgres();
  process.env.DATABASE_URL = pg.url;
  try {
    const org = await createOrganization({ name: "Bench", slug: "bench" });
    const dir = await createPulledDirectory({ organizationId: org.id, source: "google" });
    // The stored directory, seeded in one statement with exactly what a previous pull would have stored.
    await sql.execute(
      `INSERT INTO "DirectoryUser" ("id", "organizationId", "directoryId", "userName", "externalId", "email", "givenName", "familyName", "displayName", "active", "attributes")
       SELECT 'usr_bench' || i, $1, $2, 'user' || i || '@acme.com', 'g-' || i, 'user' || i || '@acme.com', 'Given' || i, 'Family' || i, 'Given' || i || ' Family' || i, true,
              jsonb_build_object('userName', 'user' || i || '@acme.com', 'externalId', 'g-' || i, 'name', jsonb_build_object('givenName', 'Given' || i, 'familyName', 'Family' || i),
                'displayName', 'Given' || i || ' Family' || i, 'emails', jsonb_build_array(jsonb_build_object('value', 'user' || i || '@acme.com', 'type', 'work', 'primary', true)), 'active', true)
         FROM generate_series(0, $3 - 1) AS i`,
      [org.id, dir.id, USERS],
    );
    const users: SnapshotUser[] = [];
    for (let i = REMOVED; i < USERS; i++) users.push(person(i, i < REMOVED + CHANGED ? `Renamed${i}` : `Given${i}`));
    for (let i = USERS; i < USERS + ADDED; i++) users.push(person(i));
    const snapshot = { users, groups: [] };

    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    // One real sync, timed phase by phase from inside (SyncOutcome.timings). An earlier version planned once on its
    // own and took that from the whole sync's time to get the apply phase, but the sync plans again under its lock,
    // so its "changes/s" divided by two plans and one apply and read about half of the truth.
    const start = performance.now();
    const out = await runDirectorySync({ organizationId: org.id, directoryId: dir.id, source: "google", trigger: "manual", requestedBy: "bench", fetchSnapshot: async () => snapshot });
    const totalSeconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (out.status !== "succeeded" || !out.counts || !out.timings) throw new Error(`the sync did not succeed: ${out.status} ${out.message ?? ""}`);

    const c = out.counts;
    const changes = c.created + c.updated + c.deactivated + c.reactivated + c.groupsCreated + c.groupsUpdated + c.groupsDeleted;
    const [applied] = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS "n" FROM "SyncLogEntry" WHERE "organizationId" = $1 AND "directoryId" = $2 AND "method" = 'PULL'`, [org.id, dir.id]);
    // Each change writes one sync-log entry: if the counts and the log disagree, the figure below would be wrong.
    if (applied!.n !== changes) throw new Error(`the plan counted ${changes} changes but ${applied!.n} were logged`);
    const planSeconds = out.timings.planMs / 1000;
    const applySeconds = out.timings.applyMs / 1000;
    const result = {
      users: USERS, changes, status: out.status, counts: c,
      planSeconds: round(planSeconds), applySeconds: round(applySeconds), totalSeconds: round(totalSeconds),
      changesPerSecond: round(changes / applySeconds), msPerChange: round(out.timings.applyMs / changes),
      peakRssMb: round(peakRss / 1024 / 1024), rssBeforeMb: round(rssBefore / 1024 / 1024), node: process.version,
    };
    console.log(`users    changes  plan (s)  apply (s)  total (s)  changes/s  peak RSS (MB)`);
    console.log(`${String(USERS).padEnd(8)} ${String(changes).padEnd(8)} ${String(result.planSeconds).padEnd(9)} ${String(result.applySeconds).padEnd(10)} ${String(result.totalSeconds).padEnd(10)} ${String(result.changesPerSecond).padEnd(10)} ${result.peakRssMb}`);
    console.log(JSON.stringify(result));
  } finally {
    await disconnectDb();
    await pg.stop();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
