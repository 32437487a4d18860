// Issue 15: a user's page tells their story, and no console page scrolls sideways at 375 px.
import { expect, test } from "../fixtures";
import { newDirectory, newStaff } from "../support/cli";
import { signInToConsole } from "../support/console";
import { PATCH_URN, scimClient, userBody } from "../support/scim";

const settle = () => new Promise((r) => setTimeout(r, 50));

test("a user's page lists their sync history: each request, when, with which token, and what it changed", async ({ page }) => {
  test.setTimeout(120_000);
  const dir = newDirectory("okta");
  const admin = newStaff("support");
  await settle();
  const okta = scimClient(dir);
  const created = await okta.post("/Users", userBody("margaret@apollo.test", { displayName: "Margaret Hamilton", title: "Director of Software Engineering" }));
  expect(created.status).toBe(201);
  const id = String(created.body!.id);
  expect((await okta.patch(`/Users/${id}`, { schemas: [PATCH_URN], Operations: [{ op: "replace", path: "active", value: false }] })).status).toBe(200);

  await signInToConsole(page, admin);
  await page.goto(`/admin/directories/${dir.id}/users/${id}`);
  await expect(page.getByTestId("user-name")).toHaveText("Margaret Hamilton");
  await expect(page.locator("dl").getByText("Director of Software Engineering")).toBeVisible();
  await expect(page.getByLabel("Raw SCIM attributes")).toBeHidden();
  await page.getByText("Show the raw SCIM JSON").click();
  await expect(page.getByLabel("Raw SCIM attributes")).toContainText('"userName": "margaret@apollo.test"');
  await expect(page.getByTestId("user-account")).toContainText("deactivated");

  const history = page.getByTestId("user-sync-history").getByRole("listitem");
  await expect(history).toHaveCount(2);
  await expect(history.nth(0)).toContainText("PATCH");
  await expect(history.nth(0)).toContainText(`token ${dir.token.slice(0, 14)}…`);
  await expect(history.nth(0)).toContainText("User deactivated");
  await expect(history.nth(1)).toContainText("User created");
  await expect(history.nth(1)).toContainText("UTC");
});

test("no console page scrolls sideways at 375 px", async ({ page }) => {
  test.setTimeout(180_000);
  const dir = newDirectory("entra");
  const admin = newStaff("admin");
  await settle();
  const entra = scimClient(dir);
  const created = await entra.post("/Users", userBody("a.very.long.email.address.that.would.overflow@subsidiary.example-corporation.test"));
  expect(created.status).toBe(201);

  await page.setViewportSize({ width: 375, height: 800 });
  await signInToConsole(page, admin);
  const pages = [
    "/admin/organizations",
    "/admin/organizations/new",
    `/admin/organizations/${dir.orgId}`,
    `/admin/organizations/${dir.orgId}/edit`,
    `/admin/directories/${dir.id}/users`,
    `/admin/directories/${dir.id}/users/${String(created.body!.id)}`,
    `/admin/directories/${dir.id}/groups`,
    `/admin/directories/${dir.id}/sync-log`,
    `/admin/directories/${dir.id}/tokens`,
    `/admin/directories/${dir.id}/webhooks`,
    "/admin/sync-log",
    "/admin/audit",
  ];
  const overflowing: string[] = [];
  for (const path of pages) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
    if (scrollWidth > clientWidth) overflowing.push(`${path}: ${scrollWidth} > ${clientWidth}`);
  }
  expect(overflowing).toEqual([]);
});

test("deleting an organisation asks for its name to be typed", async ({ page }) => {
  test.setTimeout(120_000);
  const dir = newDirectory("okta");
  const admin = newStaff("admin");
  await settle();
  await signInToConsole(page, admin);
  await page.goto(`/admin/organizations/${dir.orgId}`);
  const name = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  await page.getByRole("button", { name: "Delete organisation" }).click();
  const dialog = page.getByRole("dialog");
  const confirm = dialog.getByRole("button", { name: "Delete organisation" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/to confirm/).fill(`${name} typo`);
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/to confirm/).fill(name);
  await confirm.click();
  await expect(page).toHaveURL(/\/admin\/organizations$/, { timeout: 30_000 });
});
