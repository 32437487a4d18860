// Issue 14, proof: a customer's admin connects Google Workspace through the (stand-in) consent page, sees the first
// sync's users, a suspension at Google becomes a deactivation on "Sync now" that revokes the person's session in
// the host product, and which the console shows support staff; then a CSV import in the portal: a bad
// row is listed by line and column and nothing is applied, the fixed file previews and applies, in the live log.
// This spec runs its own app, configured with a Google OAuth client that points at lib/testing/google-admin-stand-in.ts.
import { startGoogleAdminStandIn } from "../../lib/testing/google-admin-stand-in";
import { startApp, type RunningApp } from "../../lib/testing/start-app";
import { queryOnce } from "../../lib/testing/query-once";
import { expect, test } from "../fixtures";
import { dsyncJsonAt } from "../support/cli";
import { signInToConsole } from "../support/console";
import { databaseUrlOf } from "../support/db";
import { snap } from "./portal-support";

let app: RunningApp;
let google: Awaited<ReturnType<typeof startGoogleAdminStandIn>>;
let counter = 0;

test.describe.configure({ mode: "serial", timeout: 180_000 });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  google = await startGoogleAdminStandIn({ pageSize: 2, clientId: "rollcall-e2e.apps.googleusercontent.com", clientSecret: "e2e-google-secret" });
  app = await startApp({
    GOOGLE_OAUTH_CLIENT_ID: "rollcall-e2e.apps.googleusercontent.com",
    GOOGLE_OAUTH_CLIENT_SECRET: "e2e-google-secret",
    GOOGLE_API_BASE_URL: `${google.url}/`,
    GOOGLE_OAUTH_TOKEN_URL: `${google.url}/token`,
    GOOGLE_OAUTH_AUTH_URL: `${google.url}/o/oauth2/v2/auth`,
  });
  // The worker installs the job queue as it starts, beside Next.js; "Sync now" and the first sync need it.
  await expect.poll(async () => (await sql<{ installed: boolean }>(
    `SELECT to_regprocedure('graphile_worker.add_job(text, json, text, timestamptz, integer, text, integer, text[], text)') IS NOT NULL AS installed`))[0]!.installed,
  { timeout: 120_000 }).toBe(true);
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) console.log(app.output().slice(-4000));
});

test.afterAll(async () => {
  await app?.stop();
  await google?.close();
});

/** A new organisation and a directory-sync setup link for it, opened in the browser, at the provider step. */
async function openPortal(page: import("@playwright/test").Page, name: string) {
  const slug = `pull-${Date.now().toString(36)}-${(counter++).toString(36)}`;
  dsyncJsonAt(app, undefined, "org", "create", "--name", name, "--slug", slug);
  const link = dsyncJsonAt<{ url: string; orgId: string }>(app, undefined, "setup-link", "create", "--org", slug, "--intent", "dsync", "--expires", "1d");
  await page.goto(link.url);
  await expect(page).toHaveURL(/\/setup\/welcome$/);
  await page.goto(`${app.url}/setup/provider`);
  return { slug, orgId: link.orgId };
}

const sql = <T>(text: string, params: unknown[] = []) => queryOnce(databaseUrlOf(app.dataDir), text, params) as Promise<T[]>;

/** The host product's side: its management API key and the calls it makes after its users sign in with SSO. */
function hostProduct() {
  const { key } = dsyncJsonAt<{ key: string }>(app, undefined, "key", "create", "--name", "e2e host product");
  const call = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, ...(body !== undefined && { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  return {
    call,
    /** Signs the directory's person in as the host product does once SSO has vouched for them: a session on their account. */
    async signIn(orgId: string, email: string) {
      const accounts = await call<{ data: { id: string; email: string; status: string }[] }>("GET", `/api/v1/organizations/${orgId}/accounts?email=${encodeURIComponent(email)}`);
      expect(accounts.body.data, `an account for ${email}`).toHaveLength(1);
      const account = accounts.body.data[0]!;
      const session = await call<{ id: string; token: string }>("POST", `/api/v1/accounts/${account.id}/sessions`, { ttl_seconds: 3600 });
      expect(session.status).toBe(201);
      return { accountId: account.id, sessionId: session.body.id, token: session.body.token };
    },
    verify: (token: string) => call<{ valid: boolean; reason?: string }>("POST", "/api/v1/sessions/verify", { token }),
  };
}

test("Google Workspace: consent at the stand-in, first sync's users, a suspension deactivated on Sync now", async ({ page }, testInfo) => {
  for (const [given, family] of [["Alice", "Archer"], ["Bob", "Baker"], ["Carol", "Cole"], ["Dan", "Dale"], ["Erin", "Eames"]]) {
    google.addUser({ primaryEmail: `${given!.toLowerCase()}@acme-google.test`, givenName: given!, familyName: family!, department: "Engineering" });
  }
  const { orgId } = await openPortal(page, "Acme Google");
  await page.getByRole("radio", { name: /^Google Workspace/ }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/setup\/directory-sync$/);
  await expect(page.getByRole("radio", { name: /Google Workspace \(pulled\)/ })).toBeChecked();

  // The admin declines at Google: words, nothing connected.
  await page.getByRole("radio", { name: /Full provisioning/ }).check();
  await page.getByRole("button", { name: "Connect Google Workspace" }).click();
  await expect(page.getByRole("heading", { name: "Rollcall wants to access your Google Account" })).toBeVisible();
  const consentUrl = new URL(page.url());
  expect(consentUrl.searchParams.get("scope")!.split(" ").sort()).toEqual([
    "https://www.googleapis.com/auth/admin.directory.group.member.readonly",
    "https://www.googleapis.com/auth/admin.directory.group.readonly",
    "https://www.googleapis.com/auth/admin.directory.user.readonly",
  ]);
  expect(consentUrl.searchParams.get("access_type")).toBe("offline");
  expect(consentUrl.searchParams.get("prompt")).toBe("consent");
  await page.getByRole("link", { name: "Deny" }).click();
  await expect(page.getByText(/access was declined on Google's consent screen/)).toBeVisible();
  expect(await sql(`SELECT 1 FROM "Directory" WHERE "organizationId" = $1`, [orgId])).toHaveLength(0);

  // Then allows: the first sync's users appear in the live log, and the status says it succeeded.
  await page.getByRole("radio", { name: /Full provisioning/ }).check();
  await page.getByRole("button", { name: "Connect Google Workspace" }).click();
  const allow = page.getByRole("link", { name: "Allow" });
  const allowHref = await allow.getAttribute("href");
  await allow.click();
  await expect(page.getByText("Google Workspace is connected")).toBeVisible();
  for (const who of ["alice", "bob", "carol", "dan", "erin"]) {
    await expect(page.getByText(`Google Workspace sync: created ${who}@acme-google.test`).first()).toBeVisible({ timeout: 30_000 });
  }
  const status = page.getByTestId("sync-status");
  await expect(status).toContainText("Google Workspace pull");
  await expect(status).toContainText("Succeeded");
  await snap(page, testInfo, "google-connected");
  const [stored] = await sql<{ googleRefreshToken: string }>(`SELECT "googleRefreshToken" FROM "Directory" WHERE "organizationId" = $1`, [orgId]);
  expect(stored!.googleRefreshToken).not.toMatch(/^refresh-/); // sealed, never in clear

  // The consent's return URL cannot be replayed: its state was used.
  await page.goto(allowHref!);
  await expect(page.getByText(/already used/)).toBeVisible();

  // Bob and Alice are signed in to the host product: each has a live session there.
  const host = hostProduct();
  const bob = await host.signIn(orgId, "bob@acme-google.test");
  const alice = await host.signIn(orgId, "alice@acme-google.test");
  expect((await host.verify(bob.token)).body).toMatchObject({ valid: true });
  expect((await host.verify(alice.token)).body).toMatchObject({ valid: true });

  // Suspended at Google; Sync now deactivates them here.
  google.suspend("bob@acme-google.test");
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByText(/Google Workspace sync: deactivated bob@acme-google.test/).first()).toBeVisible({ timeout: 30_000 });
  const users = await sql<{ userName: string; active: boolean }>(`SELECT "userName"::text AS "userName", "active" FROM "DirectoryUser" WHERE "organizationId" = $1 ORDER BY 1`, [orgId]);
  expect(users.map((u) => [u.userName, u.active])).toEqual([
    ["alice@acme-google.test", true], ["bob@acme-google.test", false], ["carol@acme-google.test", true], ["dan@acme-google.test", true], ["erin@acme-google.test", true],
  ]);
  // The host product notices: Bob's session token no longer works (verify names the deactivated account first),
  // his session itself is revoked, not merely outlived by his account, and Alice, still at Google, stays signed in.
  expect((await host.verify(bob.token)).body).toEqual({ valid: false, reason: "account_deactivated" });
  const bobSessions = await host.call<{ data: { id: string; status: string; revoked_at: string | null }[] }>("GET", `/api/v1/accounts/${bob.accountId}/sessions`);
  expect(bobSessions.body.data).toEqual([expect.objectContaining({ id: bob.sessionId, status: "revoked", revoked_at: expect.any(String) })]);
  expect((await host.call<{ status: string }>("GET", `/api/v1/accounts/${bob.accountId}`)).body.status).toBe("deactivated");
  expect((await host.verify(alice.token)).body).toMatchObject({ valid: true });
  await snap(page, testInfo, "google-deactivated");

  // The live log and the overview speak of Google Workspace syncs, not of requests from an identity provider.
  await expect(page.getByTestId("sync-log-subtitle")).toHaveText("Every change made by Google Workspace syncs, newest first. Open an entry for its details.");
  await page.goto(`${app.url}/setup/done`);
  await expect(page.getByTestId("overview-source")).toHaveText("Google Workspace syncs");
  await expect(page.getByTestId("connection-health-state")).toHaveCount(0);
  await expect(page.getByTestId("overview-counts")).toContainText("Inactive1");
  await expect(page.getByTestId("sync-log-subtitle")).toHaveText("Every change made by Google Workspace syncs, newest first. Open an entry for its details.");
  // The Test step has no request to wait for: it shows the last sync's outcome and its changes, and says how to test.
  await page.goto(`${app.url}/setup/test`);
  await expect(page.getByText("Rollcall reads your Google Workspace directory itself, so there are no requests to wait for.", { exact: false })).toBeVisible();
  await expect(page.getByTestId("sync-status")).toContainText("Succeeded");
  await expect(page.getByTestId("sync-status").getByRole("button", { name: "Sync now" })).toBeVisible();
  await expect(page.getByTestId("sync-log-subtitle")).toHaveText("Every change made by Google Workspace syncs, newest first. Open an entry for its details.");
  await expect(page.getByText(/listens for/)).toHaveCount(0);

  // Support staff see the same directory in the console: a Google Workspace pull, when it synced, when it syncs
  // next (the default 30 minutes after the last), and how it went.
  const staff = { email: `support-${Date.now().toString(36)}@staff.rollcall.test`, password: "correct horse support battery" };
  dsyncJsonAt(app, `${staff.password}\n`, "staff", "create", "--email", staff.email, "--role", "support", "--password-stdin");
  await signInToConsole(page, staff, app.url);
  const [directory] = await sql<{ id: string; lastSyncAt: Date; nextSyncAt: Date }>(`SELECT "id", "lastSyncAt", "nextSyncAt" FROM "Directory" WHERE "organizationId" = $1`, [orgId]);
  expect(directory!.nextSyncAt.getTime() - directory!.lastSyncAt.getTime()).toBe(30 * 60_000);
  await page.goto(`${app.url}/admin/directories/${directory!.id}/users`);
  const panel = page.getByTestId("sync-status");
  const item = (label: string) => panel.locator("div").filter({ has: page.locator("dt", { hasText: label }) }).locator("dd");
  await expect(item("Kind")).toHaveText("Google Workspace pull");
  await expect(item("Outcome")).toHaveText("Succeeded");
  const clock = (d: Date) => `${d.toISOString().slice(11, 19)} UTC`;
  await expect(item("Last sync")).toContainText(clock(directory!.lastSyncAt));
  await expect(item("Next sync")).toContainText(clock(directory!.nextSyncAt));
  await expect(item("Google Workspace")).toHaveText(/^Connected/);
  await expect(panel.getByRole("button", { name: "Sync now" })).toBeVisible();
});

test("CSV import: a bad row is listed by line and column and nothing applies; the fixed file previews and applies", async ({ page }, testInfo) => {
  const { orgId } = await openPortal(page, "Acme CSV");
  await page.getByRole("radio", { name: /^OneLogin/ }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/setup\/directory-sync$/);
  await page.getByRole("radio", { name: /CSV files/ }).check();
  await page.getByRole("radio", { name: /Full provisioning/ }).check();
  await page.getByRole("button", { name: "Set up CSV imports" }).click();
  await expect(page.getByRole("heading", { name: "Import a CSV file" })).toBeVisible();
  // Nothing pushes to a CSV directory: its live log waits for imports, not for requests from an identity provider.
  await expect(page.getByTestId("sync-log-subtitle")).toHaveText("Every change made by CSV imports, newest first. Open an entry for its details.");
  await expect(page.getByText("No changes from CSV imports yet. When an import is applied, its changes appear here within 2 seconds.")).toBeVisible();

  // "Work mail" is no usual name for the email column: the admin maps it.
  const bad = "Work mail,First name,Last name,Team,Groups\nada@acme-csv.test,Ada,Lovelace,Research,Engineers\n,Nobody,Missing,Research,\ngrace@acme-csv.test,Grace,Hopper,Navy,Engineers;Admirals\n";
  await page.getByLabel("CSV file").setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await page.getByRole("combobox", { name: "Email", exact: true }).selectOption("Work mail");
  await page.getByRole("combobox", { name: "Department", exact: true }).selectOption("Team");
  await page.getByRole("button", { name: "Preview changes" }).click();
  await expect(page.getByText("Line 3, column Work mail: email is missing")).toBeVisible();
  await expect(page.getByRole("button", { name: "Apply" })).toBeDisabled();
  await snap(page, testInfo, "csv-bad-row");
  expect(await sql(`SELECT 1 FROM "DirectoryUser" WHERE "organizationId" = $1`, [orgId])).toHaveLength(0);

  const fixed = bad.replace(",Nobody,Missing", "linus@acme-csv.test,Linus,Torvalds");
  await page.getByLabel("CSV file").setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(fixed) });
  await page.getByRole("combobox", { name: "Email", exact: true }).selectOption("Work mail");
  await page.getByRole("combobox", { name: "Department", exact: true }).selectOption("Team");
  await page.getByRole("button", { name: "Preview changes" }).click();
  await expect(page.getByTestId("csv-preview")).toContainText("3 rows: 3 to create, 0 to update, 0 to deactivate");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("3 created, 0 updated, 0 deactivated, groups: 2 created, 0 deleted. The changes are in the live sync log.")).toBeVisible();
  for (const who of ["ada", "linus", "grace"]) {
    await expect(page.getByText(`CSV import: created ${who}@acme-csv.test`).first()).toBeVisible({ timeout: 15_000 });
  }
  await expect(page.getByTestId("sync-status")).toContainText("CSV import");
  await expect(page.getByTestId("sync-status")).toContainText("Succeeded");
  const users = await sql<{ userName: string; department: string | null }>(
    `SELECT "userName"::text AS "userName", "attributes"->'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'->>'department' AS "department"
       FROM "DirectoryUser" WHERE "organizationId" = $1 ORDER BY 1`, [orgId]);
  expect(users).toEqual([
    { userName: "ada@acme-csv.test", department: "Research" },
    { userName: "grace@acme-csv.test", department: "Navy" },
    { userName: "linus@acme-csv.test", department: "Research" },
  ]);
  await snap(page, testInfo, "csv-applied");

  // A file that drops two of the three people would deactivate 67%: the guard rail holds it until approved.
  await page.getByLabel("CSV file").setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from("Email\nada@acme-csv.test\n") });
  await page.getByRole("button", { name: "Preview changes" }).click();
  await expect(page.getByTestId("csv-preview")).toContainText("2 to deactivate");
  await expect(page.getByTestId("csv-preview")).toContainText("it will be held for approval");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("Held for approval").first()).toBeVisible();
  await expect(page.getByTestId("sync-status")).toContainText("A sync is waiting for approval");
  expect((await sql<{ active: boolean }>(`SELECT "active" FROM "DirectoryUser" WHERE "organizationId" = $1`, [orgId])).every((u) => u.active)).toBe(true);
  await page.getByTestId("sync-status").getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText("CSV import: deactivated grace@acme-csv.test").first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText("CSV import: deactivated linus@acme-csv.test").first()).toBeVisible();
  await expect(page.getByTestId("sync-status")).not.toContainText("A sync is waiting for approval");
});
