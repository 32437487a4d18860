// Issue 15, part 4: the console's "last 24 hours" figures are read from hourly counters kept by a trigger on the
// sync log, not counted from a day of log on every page. They must say what counting the log said.
import { describe, expect, it } from "vitest";
import { ScimRequestLog } from "@/lib/audit/scim-request-log";
import { sql } from "@/lib/db/sql";
import { createUser } from "@/lib/directory/create-user";
import { createUserBodySchema } from "@/lib/scim/requests";
import { deleteDirectory } from "@/lib/directory/delete-directory";
import { listDirectoriesOverview } from "@/lib/directory/list-directories-overview";
import { searchDirectoryUsers } from "@/lib/directory/search-directory-users";
import { newId } from "@/lib/ids";
import { listOrganizationsOverview } from "@/lib/organizations/list-organizations-overview";
import { createTestDirectory } from "@/lib/testing/test-directory";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { countedSince } from "./sync-log-hourly-counts";
import { syncLogIdAt } from "./tail-sync-log";

setupTestDatabase();

const newDirectory = () => createTestDirectory({ name: "Counters", provider: "entra" });

/** Entries as SCIM writes leave them, `agoMs` before now, several in one statement. */
async function log(dir: { organizationId: string; directoryId: string }, entries: { status: number; agoMs?: number; latencyMs?: number }[]) {
  const now = Date.now();
  await sql.execute(
    `INSERT INTO "SyncLogEntry" ("id", "organizationId", "directoryId", "createdAt", "method", "path", "status", "latencyMs")
     SELECT e."id", $1, $2, e."at", 'GET', '/Users', e."status", e."latency"
       FROM unnest($3::text[], $4::timestamptz[], $5::int[], $6::int[]) AS e("id", "at", "status", "latency")`,
    [
      dir.organizationId, dir.directoryId,
      entries.map((e) => syncLogIdAt(now - (e.agoMs ?? 0)).slice(0, 14) + newId("log").slice(-16)),
      entries.map((e) => new Date(now - (e.agoMs ?? 0))), entries.map((e) => e.status), entries.map((e) => e.latencyMs ?? 12),
    ],
  );
}

describe("the console's 24-hour figures", () => {
  it("count every entry and the connection failures (401, 5xx, 30 s), not 409s nor deprovision-only's 403s", async () => {
    const dir = await newDirectory();
    await log(dir, [{ status: 200 }, { status: 201 }, { status: 409 }, { status: 403 }, { status: 401 }, { status: 503 }, { status: 200, latencyMs: 31_000 }]);
    await log(dir, [{ status: 401 }]);
    const [directory] = await listDirectoriesOverview({ directoryId: dir.directoryId });
    expect({ requests: directory!.requests24h, errors: directory!.errors24h }).toEqual({ requests: 8, errors: 4 });
    const { data: [org] } = await listOrganizationsOverview({ organizationId: dir.organizationId, limit: 1 });
    expect({ requests: org!.requests24h, errors: org!.errors24h }).toEqual({ requests: 8, errors: 4 });
  });

  it("leave out what is older than the hours counted, and another organisation's requests", async () => {
    const dir = await newDirectory();
    const other = await newDirectory();
    const beforeWindow = Date.now() - countedSince().getTime() + 60_000;
    await log(dir, [{ status: 500, agoMs: beforeWindow }, { status: 200, agoMs: 30 * 3_600_000 }, { status: 200, agoMs: 3 * 3_600_000 }]);
    await log(other, [{ status: 401 }, { status: 401 }]);
    const { data: [org] } = await listOrganizationsOverview({ organizationId: dir.organizationId, limit: 1 });
    expect({ requests: org!.requests24h, errors: org!.errors24h }).toEqual({ requests: 1, errors: 0 });
  });

  it("agree with counting the log itself, entry by entry as SCIM writes them", async () => {
    const dir = await newDirectory();
    for (const status of [200, 401, 409, 500, 200, 201, 403, 401]) await log(dir, [{ status, agoMs: Math.floor(Math.random() * 20 * 3_600_000) }]);
    const [counted] = await sql.query<{ requests: number; errors: number }>(
      `SELECT count(*)::int AS requests, (count(*) FILTER (WHERE "status" = 401 OR "status" >= 500 OR "latencyMs" >= 30000))::int AS errors
         FROM "SyncLogEntry" WHERE "directoryId" = $1 AND "createdAt" >= $2`, [dir.directoryId, countedSince()]);
    const [directory] = await listDirectoriesOverview({ directoryId: dir.directoryId });
    expect({ requests: directory!.requests24h, errors: directory!.errors24h }).toEqual(counted);
  });

  it("count a SCIM create, whose entry is written by the same statement as the user (a data-modifying CTE)", async () => {
    const dir = await newDirectory();
    const directory = { id: dir.directoryId, organizationId: dir.organizationId, syncMode: "FULL" as const };
    for (const userName of ["cte-1@counters.test", "cte-2@counters.test"]) {
      const log = new ScimRequestLog({ organizationId: dir.organizationId, directoryId: dir.directoryId, method: "POST", path: `/scim/v2/${dir.directoryId}/Users`, query: null, tokenPrefix: "rc_scim_test00", clientIp: "127.0.0.1", userAgent: "Azure AD SCIM" });
      await createUser({ directory, body: createUserBodySchema.parse({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName }), log });
    }
    const [entries] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "SyncLogEntry" WHERE "directoryId" = $1`, [dir.directoryId]);
    expect(entries!.n).toBe(2);
    const [directoryRow] = await listDirectoriesOverview({ directoryId: dir.directoryId });
    expect({ requests: directoryRow!.requests24h, errors: directoryRow!.errors24h }).toEqual({ requests: 2, errors: 0 });
  });

  it("go with their directory when it is deleted", async () => {
    const dir = await newDirectory();
    await log(dir, [{ status: 200 }]);
    await deleteDirectory({ organizationId: dir.organizationId, directoryId: dir.directoryId });
    const [left] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "SyncLogHourlyCount" WHERE "directoryId" = $1`, [dir.directoryId]);
    expect(left!.n).toBe(0);
  });
});

describe("console user search", () => {
  it("finds text inside a userName, email, display, given or family name in any case, and treats % and _ as text", async () => {
    const dir = await newDirectory();
    await sql.execute(
      `INSERT INTO "DirectoryUser" ("id", "organizationId", "directoryId", "userName", "email", "givenName", "familyName", "displayName", "attributes")
       VALUES ($1, $3, $4, 'mh@apollo.test', 'margaret@apollo.test', 'Margaret', 'Hamilton', NULL, '{}'),
              ($2, $3, $4, 'ada_l@apollo.test', NULL, NULL, NULL, 'Ada 100% Lovelace', '{}')`,
      [newId("usr"), newId("usr"), dir.organizationId, dir.directoryId],
    );
    const find = async (q: string) => (await searchDirectoryUsers({ ...dir, q, limit: 10 })).data.map((u) => u.userName);
    expect(await find("HAMILTON")).toEqual(["mh@apollo.test"]);
    expect(await find("garet@apo")).toEqual(["mh@apollo.test"]);
    expect(await find("100%")).toEqual(["ada_l@apollo.test"]);
    expect(await find("a_l")).toEqual(["ada_l@apollo.test"]);
    expect(await find("a%l")).toEqual([]);
    const other = await newDirectory();
    expect((await searchDirectoryUsers({ ...other, q: "hamilton", limit: 10 })).data).toEqual([]);
  });
});
