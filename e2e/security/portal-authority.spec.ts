// Issue 12, item 4: support staff could issue an `all` setup link, open it themselves and then do what only an
// admin may do in the console (stop a token at once, change the sync mode, replace SSO), and the audit trail
// recorded only the link. Now a link carries its issuer's authority, and every portal change is audited.
import { expect, test } from "../fixtures";
import { newDirectory, newStaff } from "../support/cli";
import { signInToConsole } from "../support/console";
import { sql } from "../support/db";

test("a link support issued and opened cannot cut the token off or change the sync mode; its trail names the link, its issuer and the address", async ({ page }) => {
  const support = newStaff("support");
  const dir = newDirectory("entra");
  // The organisation's directory sync is already live, as the portal would have left it.
  await sql(`INSERT INTO "SetupProgress" ("organizationId", "provider", "directoryId", "completedSteps", "updatedAt")
             VALUES ($1, 'entra', $2, ARRAY['welcome','provider','sso','directory-sync','test'], now())`, [dir.orgId, dir.id]);

  await signInToConsole(page, support);
  await page.goto(`/admin/organizations/${dir.orgId}`);
  await page.getByRole("button", { name: "Issue setup link" }).click();
  const url = await page.locator("#issued-setup-link").inputValue();
  expect(url).toMatch(/\/setup\/rc_setup_/);

  // The support user opens it in the same browser: the portal knows only the link, and what it may do.
  await page.goto(url);
  await expect(page).toHaveURL(/\/setup\/(welcome|done)$/);
  await page.goto("/setup/done");
  await expect(page.getByRole("heading", { level: 1, name: /^Done/ })).toBeVisible();
  const grace = page.getByLabel("Keep the current token working for");
  await expect(grace.locator("option")).toHaveText(["24 hours (recommended)", "1 hour", "3 days"]);
  await expect(page.getByRole("button", { name: "Change sync mode" })).toHaveCount(0);

  // Rotating with a grace period is what support may do, and it is recorded.
  await page.getByRole("button", { name: "Rotate token" }).click();
  await expect(page.locator("#rotated-token")).toHaveValue(/^rc_scim_/);
  expect(await sql(`SELECT 1 FROM "ScimToken" WHERE "directoryId" = $1 AND "revokedAt" IS NULL AND ("expiresAt" IS NULL OR "expiresAt" > now())`, [dir.id])).toHaveLength(2);

  // The portal's trail in the console names the link, who issued it, and the client address. (Every console
  // page is open to admins; support reads it here to spare the spec a second sign-in.)
  await page.goto(`/admin/audit?trail=portal&organization=${dir.orgId}`);
  for (const action of ["setup_link.opened", "scim_token.rotated"]) {
    const row = page.getByRole("row").filter({ hasText: action });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(`issued by staff:${support.email}`);
    await expect(row).toContainText(/rc_setup_/);
    await expect(row).toContainText(/127\.0\.0\.1|::1/);
  }
});
