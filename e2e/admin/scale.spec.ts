import { expect, test } from "../fixtures";
import { newDirectory, newStaff } from "../support/cli";
import { signInToConsole } from "../support/console";
import { sql } from "../support/db";

const USERS = 100_000;
const LOG_ENTRIES = 100_000;

// The time part of a Rollcall id (lib/ids.ts): milliseconds as 10 Crockford base32 characters, so seeded
// sync-log entries sort by time among real ones, as the keyset pages expect.
const idTime = (ms: string) =>
  `(SELECT string_agg(substr('0123456789abcdefghjkmnpqrstvwxyz', (((${ms}) >> (5 * (9 - k))) & 31)::int + 1, 1), '' ORDER BY k) FROM generate_series(0, 9) k)`;

test.describe("the admin console at scale", () => {
  test.setTimeout(300_000);

  test(`users and sync log pages render their first page with ${USERS} users and ${LOG_ENTRIES} log entries`, async ({ page }) => {
    const dir = newDirectory("okta");
    const admin = newStaff("admin");

    // One statement each, shaped as SCIM writes leave them (attributes as sent, the columns copied from them).
    await sql(
      `INSERT INTO "DirectoryUser" ("id", "organizationId", "directoryId", "userName", "externalId", "email", "givenName", "familyName", "displayName", "active", "attributes", "version", "createdAt", "updatedAt")
       SELECT 'usr_' || lpad(to_hex(i), 26, '0'), $1, $2, 'user' || i || '@scale.test', 'ext-' || i, 'user' || i || '@scale.test', 'Given' || i, 'Family' || i, 'Given' || i || ' Family' || i,
              i % 50 <> 0,
              jsonb_build_object(
                'schemas', jsonb_build_array('urn:ietf:params:scim:schemas:core:2.0:User'),
                'userName', 'user' || i || '@scale.test', 'externalId', 'ext-' || i, 'active', i % 50 <> 0,
                'displayName', 'Given' || i || ' Family' || i,
                'name', jsonb_build_object('givenName', 'Given' || i, 'familyName', 'Family' || i),
                'emails', jsonb_build_array(jsonb_build_object('value', 'user' || i || '@scale.test', 'type', 'work', 'primary', true))),
              1, now() - make_interval(secs => i), now() - make_interval(secs => i)
         FROM generate_series(1, ${USERS}) i`,
      [dir.orgId, dir.id],
    );
    await sql(
      `INSERT INTO "SyncLogEntry" ("id", "organizationId", "directoryId", "createdAt", "method", "path", "status", "latencyMs", "tokenPrefix", "resourceType", "resourceId", "actions", "subject", "scimType", "errorDetail")
       SELECT 'log_' || ${idTime("t.ms")} || lpad(to_hex(i), 16, '0'), $1, $2, to_timestamp(t.ms / 1000.0),
              CASE WHEN i % 3 = 0 THEN 'GET' ELSE 'PATCH' END, '/Users/usr_' || lpad(to_hex(i), 26, '0'),
              CASE WHEN i % 97 = 0 THEN 500 WHEN i % 13 = 0 THEN 401 WHEN i % 7 = 0 THEN 409 ELSE 200 END,
              (i % 40) + 3, 'rc_scim_abcdef', 'User', 'usr_' || lpad(to_hex(i), 26, '0'),
              CASE WHEN i % 3 = 0 THEN '{}'::text[] ELSE ARRAY['user.updated'] END, 'user' || i || '@scale.test',
              CASE WHEN i % 7 = 0 AND i % 13 <> 0 AND i % 97 <> 0 THEN 'uniqueness' END,
              CASE WHEN i % 13 = 0 THEN 'Invalid SCIM token' END
         FROM generate_series(1, ${LOG_ENTRIES}) i,
              LATERAL (SELECT (extract(epoch FROM now()) * 1000)::bigint - i::bigint * 800 AS ms) t`,
      [dir.orgId, dir.id],
    );
    // The state autovacuum would reach on its own shortly: planner statistics and a visibility map.
    await sql(`VACUUM ANALYZE "DirectoryUser"`);
    await sql(`VACUUM ANALYZE "SyncLogEntry"`);
    expect((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "DirectoryUser" WHERE "directoryId" = $1`, [dir.id]))[0]!.n).toBe(USERS);

    await signInToConsole(page, admin);

    const timings: Record<string, number> = {};
    // From navigation start until the first row is on screen (not until every script has loaded: server-rendered
    // rows are readable before hydration), plus the server's share: the time to the whole HTML document.
    async function measure(label: string, url: string, firstRow: () => ReturnType<typeof page.locator>) {
      const started = performance.now();
      await page.goto(url, { waitUntil: "commit" });
      await expect(firstRow()).toBeVisible();
      timings[label] = Math.round(performance.now() - started);
      const serverStarted = performance.now();
      const res = await page.request.get(url);
      await res.body();
      timings[`${label} (server, HTML only)`] = Math.round(performance.now() - serverStarted);
    }

    const users = `/admin/directories/${dir.id}/users`;
    const firstUserRow = () => page.getByRole("link", { name: /^user\d+@scale\.test$/ }).first();
    await measure("users page, first visit", users, firstUserRow);
    await measure("users page, again", users, firstUserRow);
    await measure("users page, next page", `${users}?after=usr_${(1000).toString(16).padStart(26, "0")}`, firstUserRow);
    await measure("users page, search by exact userName", `${users}?q=user99999@scale.test`, () => page.getByRole("link", { name: "user99999@scale.test" }));
    await measure("users page, search for text no user has", `${users}?q=nobody-has-this`, () => page.getByText("No user matches"));

    const syncLog = `/admin/directories/${dir.id}/sync-log`;
    const firstLogRow = () => page.getByText(/user\d+@scale\.test/).first();
    await measure("directory sync log page, first visit", syncLog, firstLogRow);
    await measure("directory sync log page, again", syncLog, firstLogRow);
    await measure("cross-tenant sync log page", "/admin/sync-log", firstLogRow);
    await measure("organisations page", `/admin/organizations?q=${encodeURIComponent(dir.orgId)}`, () => page.getByRole("link", { name: /^E2E / }));

    for (const [label, ms] of Object.entries(timings)) test.info().annotations.push({ type: "timing", description: `${label}: ${ms} ms` });
    await test.info().attach("timings.json", { body: JSON.stringify(timings, null, 2), contentType: "application/json" });
    console.log(`Scale timings (${USERS} users, ${LOG_ENTRIES} sync-log entries):\n${Object.entries(timings).map(([l, ms]) => `  ${l}: ${ms} ms`).join("\n")}`);
  });
});
