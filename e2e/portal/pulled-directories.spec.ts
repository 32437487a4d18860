// Issue 14, proof: a customer's admin connects Google Workspace through the (stand-in) consent page, sees the first
// sync's users, a suspension at Google becomes a deactivation on "Sync now"; then a CSV import in the portal: a bad
// row is listed by line and column and nothing is applied, the fixed file previews and applies, in the live log.
// This spec runs its own app, configured with a Google OAuth client that points at lib/testing/google-admin-stand-in.ts.
import { startGoogleAdminStandIn } from "../../lib/testing/google-admin-stand-in";
import { startApp, type RunningApp } from "../../lib/testing/start-app";
import { queryOnce } from "../../lib/testing/query-once";
import { expect, test } from "../fixtures";
import { dsyncJsonAt } from "../support/cli";
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

  // Suspended at Google; Sync now deactivates them here.
  google.suspend("bob@acme-google.test");
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByText(/Google Workspace sync: deactivated bob@acme-google.test/).first()).toBeVisible({ timeout: 30_000 });
  const users = await sql<{ userName: string; active: boolean }>(`SELECT "userName"::text AS "userName", "active" FROM "DirectoryUser" WHERE "organizationId" = $1 ORDER BY 1`, [orgId]);
  expect(users.map((u) => [u.userName, u.active])).toEqual([
    ["alice@acme-google.test", true], ["bob@acme-google.test", false], ["carol@acme-google.test", true], ["dan@acme-google.test", true], ["erin@acme-google.test", true],
  ]);
  await snap(page, testInfo, "google-deactivated");
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
