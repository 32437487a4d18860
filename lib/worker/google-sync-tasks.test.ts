import { runMigrations } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPulledDirectory } from "@/lib/directory-pull/create-pulled-directory";
import { queueDueGoogleSyncs, queueGoogleSync, SYNC_GOOGLE_DIRECTORY_TASK } from "@/lib/directory-pull/google/queue-google-syncs";
import { saveGoogleConnection } from "@/lib/directory-pull/google/sync-google-directory";
import { sql } from "@/lib/db/sql";
import { createOrganization } from "@/lib/organizations/create-organization";
import { startGoogleAdminStandIn } from "@/lib/testing/google-admin-stand-in";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { googleSyncTasks } from "./google-sync-tasks";

const databaseUrl = setupTestDatabase();
let google: Awaited<ReturnType<typeof startGoogleAdminStandIn>>;
beforeAll(async () => {
  google = await startGoogleAdminStandIn();
  google.addUser({ primaryEmail: "alice@acme.com", givenName: "Alice", familyName: "A" });
  Object.assign(process.env, {
    GOOGLE_OAUTH_CLIENT_ID: "client", GOOGLE_OAUTH_CLIENT_SECRET: "secret",
    GOOGLE_API_BASE_URL: `${google.url}/`, GOOGLE_OAUTH_TOKEN_URL: `${google.url}/token`, GOOGLE_OAUTH_AUTH_URL: `${google.url}/o/oauth2/v2/auth`,
  });
  await runMigrations({ connectionString: databaseUrl() });
});
afterAll(async () => google.close());

describe("Google Workspace syncs on the job queue", () => {
  it("queues due directories once, with one job per directory, and the task pulls the directory", async () => {
    const org = await createOrganization({ name: "Acme", slug: "queue-google" });
    const dir = await createPulledDirectory({ organizationId: org.id, source: "google", syncIntervalMinutes: 15 });
    await createPulledDirectory({ organizationId: org.id, source: "google" }); // never connected: not queued
    await saveGoogleConnection({ organizationId: org.id, directoryId: dir.id, refreshToken: google.issueRefreshToken(), connectedBy: "admin@acme.com" });
    expect(await queueDueGoogleSyncs()).toBe(1);
    expect(await queueDueGoogleSyncs()).toBe(0);
    await queueGoogleSync({ organizationId: org.id, directoryId: dir.id, trigger: "api", requestedBy: "api:key_1" });
    const jobs = await sql.query<{ payload: { trigger: string } }>(`SELECT j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE t.identifier = $1`, [SYNC_GOOGLE_DIRECTORY_TASK]);
    expect(jobs.map((j) => j.payload.trigger)).toEqual(["api"]);

    const logged: string[] = [];
    await googleSyncTasks((l) => logged.push(l))[SYNC_GOOGLE_DIRECTORY_TASK]!(jobs[0]!.payload, {} as never);
    const [row] = await sql.query<{ lastSyncOutcome: string; minutes: number }>(
      `SELECT "lastSyncOutcome", round(extract(epoch FROM "nextSyncAt" - now()) / 60)::int AS minutes FROM "Directory" WHERE "id" = $1`, [dir.id]);
    expect(row).toEqual({ lastSyncOutcome: "succeeded", minutes: 15 });
    expect(await sql.query(`SELECT 1 FROM "DirectoryUser" WHERE "directoryId" = $1`, [dir.id])).toHaveLength(1);
    expect(logged).toEqual([]);
  });
});
