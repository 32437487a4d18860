// Issue 15, part 4: the console's organisation list, an organisation's page and the health worker read each
// directory's newest sync-log entries. Keyed as `l."directoryId" = d."id" ORDER BY l."id" DESC`, PostgreSQL walked
// the log's primary key backwards and filtered on the directory, which stops early for a busy directory and reads
// the whole log for one that has no entry yet: with a million entries, one new directory awaiting its first
// request made the organisation list take 4.4 s. Here the log holds 300,000 analysed entries of ten busy
// directories, and ten new organisations each have a directory that has never been called. Every read must pass a
// 1.5 s statement timeout (the fixed reads take milliseconds; the old ones read the log some 40 times over).
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "@/lib/db/sql";
import { withStatementTimeout } from "@/lib/db/statement-timeout";
import { createDirectory } from "@/lib/directory/create-directory";
import { listDirectoriesOverview } from "@/lib/directory/list-directories-overview";
import { createOrganization } from "@/lib/organizations/create-organization";
import { listOrganizationsOverview } from "@/lib/organizations/list-organizations-overview";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { loadConnectionHealth, loadWorstHealthByOrganization } from "./load-connection-health";

setupTestDatabase();

const TIMEOUT_MS = 1_500;
const bounded = <T>(fn: () => Promise<T>) => withStatementTimeout(TIMEOUT_MS, fn);
const ENTRIES = 300_000;

async function newDirectory(name: string) {
  const org = await createOrganization({ name, slug: name.toLowerCase().replace(/\W+/g, "-") });
  const { directory } = await createDirectory({ organizationId: org.id, provider: "entra", syncMode: "FULL" });
  return { organizationId: org.id, directoryId: directory.id };
}

// The time part of a sync-log id (lib/ids.ts), so the seeded entries sort by time as real ones do.
const idTime = (ms: string) =>
  `(SELECT string_agg(substr('0123456789abcdefghjkmnpqrstvwxyz', (((${ms}) >> (5 * (9 - k))) & 31)::int + 1, 1), '' ORDER BY k) FROM generate_series(0, 9) k)`;

const busy: { organizationId: string; directoryId: string }[] = [];
const fresh: { organizationId: string; directoryId: string }[] = [];

beforeAll(async () => {
  // Statistics that know the busy directories only, and no autovacuum to change them behind the test's back.
  await sql.execute(`ALTER TABLE "SyncLogEntry" SET (autovacuum_enabled = false)`);
  for (let i = 0; i < 10; i++) busy.push(await newDirectory(`Busy ${i}`));
  // Entries over the last 24 hours, interleaved across the busy directories, half of them to the first.
  await sql.execute(
    `INSERT INTO "SyncLogEntry" ("id", "organizationId", "directoryId", "createdAt", "method", "path", "status", "latencyMs")
     SELECT 'log_' || ${idTime("t.ms")} || lpad(to_hex(i), 16, '0'), ($1::text[])[d.n], ($2::text[])[d.n], to_timestamp(t.ms / 1000.0), 'GET', '/Users',
            CASE WHEN i % 13 = 0 THEN 401 ELSE 200 END, 12
       FROM generate_series(1, $3::int) i,
            LATERAL (SELECT CASE WHEN i % 2 = 0 THEN 1 ELSE 2 + i % 9 END AS n) d,
            LATERAL (SELECT (extract(epoch FROM now()) * 1000)::bigint - ($3::bigint - i::bigint) * (86_000_000::bigint / $3::bigint) AS ms) t`,
    [busy.map((b) => b.organizationId), busy.map((b) => b.directoryId), ENTRIES],
  );
  await sql.execute(`ANALYZE "SyncLogEntry"`);
  for (let i = 0; i < 10; i++) fresh.push(await newDirectory(`New customer ${i}`));
}, 300_000);

describe("the console's reads of the newest sync-log entries, with new directories beside a large log", () => {
  it("the organisation list (newest first: the new organisations) answers, with no last request for them", async () => {
    const page = await bounded(() => listOrganizationsOverview({ limit: 25 }));
    expect(page.data.map((o) => o.id).slice(0, 10).sort()).toEqual(fresh.map((f) => f.organizationId).sort());
    expect(page.data.slice(0, 10).every((o) => o.lastRequestAt === null)).toBe(true);
    expect(page.data.find((o) => o.id === busy[0]!.organizationId)?.lastRequestAt).toBeInstanceOf(Date);
  });

  it("each organisation's connection health answers: the new ones are awaiting their first request", async () => {
    const health = await bounded(() => loadWorstHealthByOrganization([...fresh, ...busy].map((d) => d.organizationId)));
    for (const f of fresh) expect(health.get(f.organizationId)?.state).toBe("awaiting_first_request");
    // The busy directories were called a moment ago and mostly answered 200.
    expect(health.get(busy[0]!.organizationId)?.state).toBe("healthy");
  });

  it("every directory's health, as the worker reads it, answers", async () => {
    const rows = await bounded(() => loadConnectionHealth({ all: true }));
    expect(rows).toHaveLength(20);
    expect(rows.filter((r) => r.health.state === "awaiting_first_request").map((r) => r.directoryId).sort()).toEqual(fresh.map((f) => f.directoryId).sort());
  });

  it("a new organisation's page lists its directory with no request yet", async () => {
    const [dir] = await bounded(() => listDirectoriesOverview({ organizationId: fresh[0]!.organizationId }));
    expect(dir).toMatchObject({ id: fresh[0]!.directoryId, lastRequestAt: null, requests24h: 0 });
  });
});
