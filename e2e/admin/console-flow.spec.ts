import { existsSync } from "node:fs";
import path from "node:path";
import { appUrl, expect, test } from "../fixtures";
import { newDirectory, newStaff } from "../support/cli";
import { signInToConsole } from "../support/console";
import { sql } from "../support/db";
import { scimClient, userBody } from "../support/scim";

/** Lets keep-alive sockets idle out after a blocking CLI call, as the other specs do. */
const settle = () => new Promise((r) => setTimeout(r, 50));

const PORTAL_EXISTS = existsSync(path.resolve(import.meta.dirname, "../../app/setup"));

test.describe("the admin console, end to end", () => {
  test("an admin finds a directory, sees its SCIM users, rotates and revokes a token, and issues a setup link", async ({ page }) => {
    const admin = newStaff("admin");
    const dir = newDirectory("okta");
    const slug = (await sql<{ slug: string }>(`SELECT slug FROM "Organization" WHERE id = $1`, [dir.orgId]))[0]!.slug;
    await settle();
    const scim = scimClient(dir);
    for (const name of ["ada@acme.test", "grace@acme.test", "linus@acme.test"]) {
      expect((await scim.post("/Users", userBody(name))).status).toBe(201);
    }

    // 1. Sign in. An admin page without a session lands on the sign-in page first.
    await page.goto("/admin/organizations");
    await expect(page).toHaveURL(/\/admin\/sign-in/);
    await signInToConsole(page, admin);
    await expect(page.getByRole("banner")).toContainText("role: admin");

    // 2. Search, open the organisation, open its directory, see the users the test pushed over SCIM.
    await page.getByLabel("Search organisations").fill(slug);
    await page.getByLabel("Search organisations").press("Enter");
    await expect(page).toHaveURL(new RegExp(`q=${slug}`));
    await expect(page.getByRole("row")).toHaveCount(2);
    await page.getByRole("link", { name: `E2E ${slug}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: `E2E ${slug}` })).toBeVisible();
    await page.getByRole("link", { name: "Okta directory" }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/directories/${dir.id}/users`));
    for (const name of ["ada@acme.test", "grace@acme.test", "linus@acme.test"]) await expect(page.getByRole("link", { name })).toBeVisible();

    // 3. Rotate with a grace period: the new token is shown once and both work.
    await page.getByRole("navigation", { name: "Directory" }).getByRole("link", { name: "Tokens and settings" }).click();
    await page.getByLabel("Old tokens keep working for").selectOption("24");
    await page.getByRole("button", { name: "Rotate token" }).click();
    const newToken = await page.locator("#issued-scim-token").inputValue();
    expect(newToken).toMatch(/^rc_scim_/);
    expect(newToken).not.toBe(dir.token);
    expect((await scim.get("/Users")).status).toBe(200);
    const fresh = scimClient({ scimBaseUrl: dir.scimBaseUrl, token: newToken });
    expect((await fresh.get("/Users")).status).toBe(200);
    await expect(page.getByRole("row", { name: new RegExp(dir.token.slice(0, 14)) })).toContainText("UTC");

    // …then revoke the old one: it gets 401 at once, the new one keeps working.
    const oldRow = page.getByRole("row").filter({ hasText: dir.token.slice(0, 14) });
    await oldRow.getByRole("button", { name: /Revoke/ }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
    await expect(page.getByRole("row").filter({ hasText: dir.token.slice(0, 14) })).toHaveCount(0);
    expect((await scim.get("/Users")).status).toBe(401);
    expect((await scim.get("/Groups")).status).toBe(401);
    expect((await fresh.get("/Users")).status).toBe(200);

    // Every one of those actions is in the audit trail.
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Audit trail" }).click();
    await expect(page.getByRole("row").filter({ hasText: "scim_token.revoked" }).filter({ hasText: admin.email }).first()).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: "scim_token.rotated" }).filter({ hasText: slug }).first()).toBeVisible();

    // 4. Issue a setup link that opens the portal.
    await page.goto(`/admin/organizations/${dir.orgId}`);
    await page.getByRole("button", { name: "Issue setup link" }).click();
    const url = await page.locator("#issued-setup-link").inputValue();
    expect(url).toMatch(new RegExp(`^${appUrl().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/setup/rc_setup_[A-Za-z0-9_-]+$`));
    await expect(page.getByRole("row").filter({ hasText: `staff:${admin.email}` })).toContainText("active");
    const token = url.split("/setup/")[1]!;
    expect(await sql(`SELECT 1 FROM "SetupLink" WHERE "tokenHash" = encode(sha256(convert_to($1, 'UTF8')), 'hex') AND "organizationId" = $2 AND "revokedAt" IS NULL AND "expiresAt" > now()`, [token, dir.orgId])).toHaveLength(1);
    if (PORTAL_EXISTS) {
      const portal = await page.context().newPage();
      await portal.goto(url);
      await expect(portal.getByText(`E2E ${slug}`).first()).toBeVisible();
      await portal.close();
    }

    // 3, continued. The directory's sync log shows the revoked token's 401s.
    await page.goto(`/admin/directories/${dir.id}/sync-log`);
    await expect(page.getByText("Refused 401").first()).toBeVisible();
    await expect(page.getByText(/request was refused: the token did not match/).first()).toBeVisible();

    // Across all tenants: every 4xx and 5xx of the last hour, each row linking to its directory.
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Sync log" }).click();
    await page.getByRole("link", { name: "Only errors (4xx and 5xx)" }).click();
    await page.getByLabel("Time range").selectOption("1h");
    const row = page.getByRole("listitem").filter({ hasText: `E2E ${slug}` }).filter({ hasText: "Refused 401" }).first();
    await expect(row).toBeVisible();
    await expect(page.getByText(/^Succeeded \d{3}$/)).toHaveCount(0);
    await row.getByRole("link", { name: `E2E ${slug}` }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/directories/${dir.id}/sync-log`));
  });

  test("a support user cannot delete an organisation: no button, and the API refuses", async ({ page }) => {
    const support = newStaff("support");
    const dir = newDirectory("entra");
    await signInToConsole(page, support);
    await expect(page.getByRole("banner")).toContainText("role: support");
    await page.goto(`/admin/organizations/${dir.orgId}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: /Delete/ })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "New organisation" })).toHaveCount(0);

    const refused = await page.request.delete(`/api/admin/organizations/${dir.orgId}`, { headers: { Origin: appUrl() } });
    expect(refused.status(), await refused.text()).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "forbidden" } });
    expect(await sql(`SELECT 1 FROM "Organization" WHERE id = $1`, [dir.orgId])).toHaveLength(1);

    // Support can still do what support is for: issue a setup link.
    await page.getByRole("button", { name: "Issue setup link" }).click();
    await expect(page.locator("#issued-setup-link")).toHaveValue(/\/setup\/rc_setup_/);
  });

  test("an admin's delete through the API works and is audited", async ({ page }) => {
    const admin = newStaff("admin");
    const dir = newDirectory("google");
    await signInToConsole(page, admin);
    // Issue 12, item 12: a state-changing request from another site is refused, even with the session cookie.
    const crossSite = await page.request.delete(`/api/admin/organizations/${dir.orgId}`, { headers: { Origin: "https://attacker.example" } });
    expect(crossSite.status(), await crossSite.text()).toBe(403);
    expect(await crossSite.json()).toMatchObject({ error: { code: "cross_origin" } });
    expect(await sql(`SELECT 1 FROM "Organization" WHERE id = $1`, [dir.orgId])).toHaveLength(1);
    // A browser on our own pages sends our Origin.
    const res = await page.request.delete(`/api/admin/organizations/${dir.orgId}`, { headers: { Origin: appUrl() } });
    expect(res.status(), await res.text()).toBe(204);
    expect(await sql(`SELECT 1 FROM "Organization" WHERE id = $1`, [dir.orgId])).toHaveLength(0);
    expect(await sql(`SELECT 1 FROM "StaffAuditEntry" WHERE "organizationId" = $1 AND action = 'organization.deleted' AND "staffEmail" = $2`, [dir.orgId, admin.email])).toHaveLength(1);
  });

  test("an admin creates and edits an organisation; a bad slug is explained beside the field", async ({ page }) => {
    const admin = newStaff("admin");
    await signInToConsole(page, admin);
    await page.getByRole("link", { name: "New organisation" }).click();
    const slug = `made-${Date.now().toString(36)}`;
    await page.getByLabel("Name").fill("Made In Console");
    await page.getByLabel("Slug").fill("Not A Slug");
    await page.getByRole("button", { name: "Create organisation" }).click();
    await expect(page.getByText(/lower-case letters, digits or hyphens/).first()).toBeVisible();
    await expect(page.getByLabel("Slug")).toHaveAttribute("aria-invalid", "true");
    await page.getByLabel("Slug").fill(slug);
    await page.getByLabel("Domains").fill("made.test, made.example");
    await page.getByRole("button", { name: "Create organisation" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Made In Console" })).toBeVisible();
    await page.getByRole("link", { name: "Edit" }).click();
    await page.getByLabel("Name").fill("Renamed In Console");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Renamed In Console" })).toBeVisible();
    await expect(page.getByText("made.test, made.example")).toBeVisible();
  });

  test("signing out ends the session on the server, not just in the browser", async ({ page }) => {
    const admin = newStaff("admin");
    await signInToConsole(page, admin);
    const cookies = await page.context().cookies();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/admin\/sign-in/);
    await page.goto("/admin/organizations");
    await expect(page).toHaveURL(/\/admin\/sign-in/);

    // The JWT copied before signing out still decodes, but its session row is revoked: 401.
    const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
    expect(session).toBeDefined();
    const replay = await fetch(`${appUrl()}/api/admin/organizations`, { headers: { Cookie: `${session!.name}=${session!.value}` } });
    expect(replay.status).toBe(401);
  });
});
