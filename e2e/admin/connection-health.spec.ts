// Issue 15: know when a connection breaks, and make every support action safe.
import { appUrl, expect, test } from "../fixtures";
import { createGlobalKey } from "../api/api-client";
import { dsyncJson, newStaff } from "../support/cli";
import { signInToConsole } from "../support/console";
import { sql } from "../support/db";
import { scimClient } from "../support/scim";
import { newOrgWithLink, settle } from "../portal/portal-support";

type Directory = { id: string; orgId: string; scimBaseUrl: string; token: string };

/** An organisation whose admin set up Entra directory sync in the portal, and its setup link. */
async function entraDirectoryWithPortal(name: string) {
  const { slug, link } = newOrgWithLink(name, { intent: "dsync" });
  const dir = dsyncJson<Directory>("directory", "create", "--org", slug, "--provider", "entra", "--mode", "full");
  await sql(
    `INSERT INTO "SetupProgress" ("organizationId", "provider", "completedSteps", "directoryId", "updatedAt") VALUES ($1, 'entra', ARRAY['welcome','provider','directory-sync','test'], $2, now())`,
    [dir.orgId, dir.id],
  );
  await settle();
  return { slug, link, dir };
}

async function feedTypes(key: string, orgId: string): Promise<string[]> {
  const res = await fetch(`${appUrl()}/api/v1/events?organization=${orgId}&types=dsync.connection.failing,dsync.connection.recovered,dsync.connection.silent&limit=50`, { headers: { Authorization: `Bearer ${key}` } });
  const body = (await res.json()) as { data: { type: string; data: { reason: string } }[] };
  return body.data.map((e) => e.type);
}

test("a revoked token turns the portal, the console and the API to failing with the reason, and back to healthy with the new token; the feed says so", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const { slug, link, dir } = await entraDirectoryWithPortal("Health Check Ltd");
  const { key } = await createGlobalKey("e2e health");
  const entra = scimClient(dir);
  for (let i = 0; i < 3; i++) expect((await entra.get("/Users?filter=userName%20eq%20%22x%40y.test%22")).status).toBe(200);
  // One 409 after successes is the connection working, not a failure.
  await entra.post("/Users", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "dup@health.test" });
  expect((await entra.post("/Users", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "dup@health.test" })).status).toBe(409);

  const portal = await browser.newPage({ baseURL: appUrl() });
  await portal.goto(link.url);
  // The link resumes where the admin left off: its steps are done, so it may land on the Done page at once.
  await expect(portal).toHaveURL(/\/setup\/(welcome|done)$/, { timeout: 30_000 });
  await portal.goto("/setup/done");
  await expect(portal.getByRole("heading", { level: 1, name: "Done, and live" })).toBeVisible();
  await expect(portal.getByTestId("connection-health").getByTestId("connection-health-state")).toHaveText("Healthy");

  // Support revokes every token; Entra keeps calling with the old one and is refused.
  dsyncJson("token", "revoke", "--directory", dir.id);
  await settle();
  for (let i = 0; i < 3; i++) expect((await entra.get("/Users")).status).toBe(401);

  // The portal turns to failing on its own (it polls), with the reason and the fix in Entra's words.
  const health = portal.getByTestId("connection-health");
  await expect(health.getByTestId("connection-health-state")).toHaveText("Failing");
  await expect(health.getByTestId("connection-health-reason")).toContainText("Microsoft Entra ID has been sending a token that no longer works since");
  await expect(health.getByTestId("connection-health-fix")).toContainText("paste it in Microsoft Entra ID's Secret Token field");
  await expect(portal.getByTestId("overview-counts")).toBeVisible();
  await expect(portal.getByRole("heading", { name: "Directory", exact: true }).locator("..").getByTestId("connection-health-state")).toHaveText("Failing");

  // The console: the organisation list and the directory page.
  const admin = newStaff("admin");
  await signInToConsole(page, admin);
  await page.goto(`/admin/organizations?q=${slug}`);
  await expect(page.getByRole("row").filter({ hasText: slug }).getByTestId("connection-health-state")).toHaveText("Failing");
  await page.goto(`/admin/directories/${dir.id}/users`);
  await expect(page.getByTestId("connection-health-reason")).toContainText("a token that no longer works");

  // The management API.
  const api = await fetch(`${appUrl()}/api/v1/directories/${dir.id}`, { headers: { Authorization: `Bearer ${key}` } });
  const body = (await api.json()) as { connection_health: { state: string; reason: string; last_successful_request_at: string | null } };
  expect(body.connection_health).toMatchObject({ state: "failing", reason: expect.stringContaining("no longer works") });
  expect(body.connection_health.last_successful_request_at).not.toBeNull();

  // The worker's check sends dsync.connection.failing into the feed.
  await expect.poll(() => feedTypes(key, dir.orgId), { timeout: 20_000 }).toEqual(["dsync.connection.failing"]);

  // An admin rotates with a grace period; Entra is given the new token and its next request works.
  await page.goto(`/admin/directories/${dir.id}/tokens`);
  await page.getByLabel("Old tokens keep working for").selectOption("24");
  await page.getByRole("button", { name: "Rotate token" }).click();
  const newToken = await page.locator("#issued-scim-token").inputValue();
  expect((await scimClient({ scimBaseUrl: dir.scimBaseUrl, token: newToken }).get("/Users")).status).toBe(200);

  await expect(health.getByTestId("connection-health-state")).toHaveText("Healthy");
  await page.goto(`/admin/organizations?q=${slug}`);
  await expect(page.getByRole("row").filter({ hasText: slug }).getByTestId("connection-health-state")).toHaveText("Healthy");
  await expect.poll(() => feedTypes(key, dir.orgId), { timeout: 20_000 }).toEqual(["dsync.connection.failing", "dsync.connection.recovered"]);
  await portal.close();
});

test("support cannot rotate without grace; an admin must confirm it, and a second rotation keeps the first grace", async ({ page: supportPage, browser }) => {
  test.setTimeout(120_000);
  const { dir } = await entraDirectoryWithPortal("Rotation Rules Ltd");
  const original = scimClient(dir);
  expect((await original.get("/Users")).status).toBe(200);

  const support = newStaff("support");
  await signInToConsole(supportPage, support);
  await supportPage.goto(`/admin/directories/${dir.id}/tokens`);
  const options = await supportPage.getByLabel("Old tokens keep working for").locator("option").allTextContents();
  expect(options).not.toContain("None: stop the old token now (admins only)");
  expect(options).toContain("3 days");

  const page = await (await browser.newContext({ baseURL: appUrl() })).newPage();
  const admin = newStaff("admin");
  await signInToConsole(page, admin);
  await page.goto(`/admin/directories/${dir.id}/tokens`);

  // First rotation: the original token is promised three days.
  await page.getByLabel("Old tokens keep working for").selectOption("72");
  await page.getByRole("button", { name: "Rotate token" }).click();
  const first = await page.locator("#issued-scim-token").inputValue();
  await expect(page.getByText(/keeps working until \d{2} \w{3} \d{4}, \d{2}:\d{2}:\d{2} UTC/).first()).toBeVisible();

  // Second rotation with no grace: a dialog names the consequence before anything happens.
  await page.getByLabel("Old tokens keep working for").selectOption("0");
  await page.getByRole("button", { name: "Rotate token" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Microsoft Entra ID will be refused (401) until someone pastes the new token in its Secret Token field");
  expect((await scimClient({ scimBaseUrl: dir.scimBaseUrl, token: first }).get("/Users")).status).toBe(200);
  await dialog.getByRole("button", { name: "Rotate and stop the old token" }).click();
  const second = await page.locator("#issued-scim-token").inputValue();
  expect(second).not.toBe(first);

  // The first rotation's token stops now, as asked; the original keeps the three days it was promised.
  expect((await scimClient({ scimBaseUrl: dir.scimBaseUrl, token: first }).get("/Users")).status).toBe(401);
  expect((await original.get("/Users")).status).toBe(200);
  await expect(page.getByText(`${dir.token.slice(0, 14)}… keeps working until`)).toBeVisible();
  const [kept] = await sql<{ hours: number }>(`SELECT extract(epoch FROM "expiresAt" - now()) / 3600 AS hours FROM "ScimToken" WHERE "directoryId" = $1 AND "prefix" = $2`, [dir.id, dir.token.slice(0, 14)]);
  expect(Number(kept!.hours)).toBeGreaterThan(71);
});
