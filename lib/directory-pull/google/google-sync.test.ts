import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "@/lib/db/sql";
import { newId } from "@/lib/ids";
import { createOrganization } from "@/lib/organizations/create-organization";
import { startGoogleAdminStandIn } from "@/lib/testing/google-admin-stand-in";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { createPulledDirectory } from "../create-pulled-directory";
import { approveHeldSync } from "../resolve-held-sync";
import { fetchGoogleSnapshot } from "./fetch-google-snapshot";
import type { GoogleConfig } from "./google-config";
import { saveGoogleConnection, syncGoogleDirectory } from "./sync-google-directory";

setupTestDatabase();

let google: Awaited<ReturnType<typeof startGoogleAdminStandIn>>;
let config: GoogleConfig;
const backoff = { baseMs: 5, maxAttempts: 3 };
beforeAll(async () => {
  google = await startGoogleAdminStandIn({ pageSize: 2 });
  config = { clientId: "client", clientSecret: "secret", apiBaseUrl: `${google.url}/`, tokenUrl: `${google.url}/token`, authUrl: `${google.url}/o/oauth2/v2/auth` };
  const alice = google.addUser({ primaryEmail: "alice@acme.com", givenName: "Alice", familyName: "A", department: "Eng", manager: "carol@acme.com" });
  const bob = google.addUser({ primaryEmail: "bob@acme.com", givenName: "Bob", familyName: "B" });
  const carol = google.addUser({ primaryEmail: "carol@acme.com", givenName: "Carol", familyName: "C" });
  google.addUser({ primaryEmail: "dan@acme.com", givenName: "Dan", familyName: "D", suspended: true });
  google.addUser({ primaryEmail: "erin@acme.com", givenName: "Erin", familyName: "E" });
  google.addGroup({ name: "Engineering", email: "eng@acme.com", members: [alice, bob, carol] });
});
afterAll(async () => google.close());

let slugs = 0;
async function connected() {
  const org = await createOrganization({ name: "Acme", slug: `google-${slugs++}` });
  const dir = await createPulledDirectory({ organizationId: org.id, source: "google" });
  await saveGoogleConnection({ organizationId: org.id, directoryId: dir.id, refreshToken: google.issueRefreshToken(), connectedBy: "admin@acme.com" });
  return { org, dir };
}
const sync = (d: { org: { id: string }; dir: { id: string } }) => syncGoogleDirectory({ organizationId: d.org.id, directoryId: d.dir.id, trigger: "manual", requestedBy: "test", config, backoff });
const state = async (dirId: string) =>
  (await sql.query<{ userName: string; active: boolean; externalId: string }>(`SELECT "userName"::text AS "userName", "active", "externalId" FROM "DirectoryUser" WHERE "directoryId" = $1 ORDER BY 1`, [dirId]))
    .map((u) => `${u.userName}:${u.active ? "active" : "inactive"}`);

describe("Google Workspace through the Admin SDK (local stand-in)", () => {
  it("reads every page of users, groups and members, with Google's ids, suspended users inactive", async () => {
    const snapshot = await fetchGoogleSnapshot({ config, refreshToken: google.issueRefreshToken(), backoff });
    expect(snapshot.users.map((u) => [u.userName, u.active])).toEqual([["alice@acme.com", true], ["bob@acme.com", true], ["carol@acme.com", true], ["dan@acme.com", false], ["erin@acme.com", true]]);
    expect(snapshot.users[0]).toMatchObject({ externalId: expect.stringMatching(/^\d+$/), department: "Eng", manager: "carol@acme.com", displayName: "Alice A" });
    expect(snapshot.groups).toEqual([{ externalId: expect.any(String), displayName: "Engineering", members: snapshot.users.slice(0, 3).map((u) => u.externalId) }]);
    expect(google.requests.filter((r) => r.includes("/users")).some((r) => r.includes("pageToken=4"))).toBe(true);
  });

  it("syncs, then deactivates a user suspended at Google and one removed between two syncs, revoking sessions", async () => {
    const d = await connected();
    expect((await sync(d)).status).toBe("succeeded");
    expect(await state(d.dir.id)).toEqual(["alice@acme.com:active", "bob@acme.com:active", "carol@acme.com:active", "dan@acme.com:inactive", "erin@acme.com:active"]);
    const [acc] = await sql.query<{ id: string }>(`SELECT "id" FROM "Account" WHERE "organizationId" = $1 AND "email" = 'erin@acme.com'`, [d.org.id]);
    const sessionId = newId("ses");
    await sql.execute(`INSERT INTO "Session" ("id", "organizationId", "accountId", "tokenHash", "expiresAt") VALUES ($1, $2, $3, $1, now() + interval '1 day')`, [sessionId, d.org.id, acc!.id]);

    google.suspend("erin@acme.com");
    const second = await sync(d);
    expect(second.counts).toMatchObject({ deactivated: 1 });
    expect(await state(d.dir.id)).toContain("erin@acme.com:inactive");
    const [session] = await sql.query<{ revokedAt: Date | null }>(`SELECT "revokedAt" FROM "Session" WHERE "id" = $1`, [sessionId]);
    expect(session!.revokedAt).not.toBeNull();
    const [entry] = await sql.query<{ method: string; subject: string; actions: string[] }>(
      `SELECT "method", "subject"::text AS subject, "actions" FROM "SyncLogEntry" WHERE "directoryId" = $1 ORDER BY "id" DESC LIMIT 1`, [d.dir.id]);
    expect(entry).toEqual({ method: "PULL", subject: "erin@acme.com", actions: ["user.deactivated", "account.deactivated"] });

    // Bob leaves Google: 1 of the 3 active users is past the 30% guard rail, so it waits for approval.
    google.remove("bob@acme.com");
    const third = await sync(d);
    expect(third).toMatchObject({ status: "held", counts: { deactivated: 1, membersRemoved: 1 } });
    expect(await state(d.dir.id)).toContain("bob@acme.com:active");
    expect(await approveHeldSync({ organizationId: d.org.id, directoryId: d.dir.id, syncId: third.syncId, approvedBy: "admin@acme.com" })).toMatchObject({ status: "succeeded" });
    expect(await state(d.dir.id)).toContain("bob@acme.com:inactive");
  });

  it("backs off on 429 and 5xx and then succeeds", async () => {
    const d = await connected();
    google.fail(/\/users$/, 429, 1, 0);
    google.fail(/\/groups$/, 503, 2);
    expect((await sync(d)).status).toBe("succeeded");
  });

  it("a 403 or a revoked consent fails in words, emits dsync.sync_failed and deactivates nobody", async () => {
    const d = await connected();
    await sync(d);
    const before = await state(d.dir.id);
    google.fail(/\/users$/, 403, 1);
    const forbidden = await sync(d);
    expect(forbidden.status).toBe("failed");
    expect(forbidden.message).toMatch(/^The Google admin who connected this directory no longer has admin rights/);
    google.fail(/\/groups$/, 500, 5);
    expect((await sync(d)).message).toMatch(/kept answering with an error \(500\) after 3 attempts\. Nothing was changed/);
    google.revokeRefreshTokens();
    const revoked = await sync(d);
    expect(revoked.message).toMatch(/^Google refused this directory's connection/);
    expect(await state(d.dir.id)).toEqual(before);
    const [dir] = await sql.query<{ syncProblem: string; lastSyncOutcome: string }>(`SELECT "syncProblem", "lastSyncOutcome" FROM "Directory" WHERE "id" = $1`, [d.dir.id]);
    expect(dir).toEqual({ syncProblem: revoked.message, lastSyncOutcome: "failed" });
    const events = await sql.query<{ data: { message: string } }>(`SELECT "data" FROM "Event" WHERE "directoryId" = $1 AND "type" = 'dsync.sync_failed' ORDER BY "seq"`, [d.dir.id]);
    expect(events.map((e) => e.data.message)).toEqual([forbidden.message, expect.stringMatching(/500/), revoked.message]);
    const [stored] = await sql.query<{ googleRefreshToken: string }>(`SELECT "googleRefreshToken" FROM "Directory" WHERE "id" = $1`, [d.dir.id]);
    expect(stored!.googleRefreshToken).toMatch(/^v1\./);
  });
});
