import { expect, test } from "../fixtures";
import { newDirectory, newStaff } from "../support/cli";
import { signInToConsole } from "../support/console";
import { scimClient, userBody } from "../support/scim";

/** Lets keep-alive sockets idle out after a blocking CLI call, as the other specs do. */
const settle = () => new Promise((r) => setTimeout(r, 50));

const XSS = "<img src=x onerror=alert(1)>";

test.describe("admin console security", () => {
  test("without a staff session every admin page redirects to sign-in and every admin API answers 401", async ({ page, request }) => {
    const dir = newDirectory("okta");
    await settle();
    const user = await scimClient(dir).post("/Users", userBody("someone@acme.test"));
    const userId = String(user.body?.id);
    const pages = [
      "/admin",
      "/admin/organizations",
      "/admin/organizations/new",
      `/admin/organizations/${dir.orgId}`,
      `/admin/organizations/${dir.orgId}/edit`,
      `/admin/directories/${dir.id}`,
      `/admin/directories/${dir.id}/users`,
      `/admin/directories/${dir.id}/users/${userId}`,
      `/admin/directories/${dir.id}/groups`,
      `/admin/directories/${dir.id}/sync-log`,
      `/admin/directories/${dir.id}/tokens`,
      `/admin/directories/${dir.id}/webhooks`,
      "/admin/sync-log",
      "/admin/audit",
    ];
    for (const path of pages) {
      await page.goto(path);
      await expect(page, path).toHaveURL(/\/admin\/sign-in/);
      await expect(page.getByRole("heading", { name: "Sign in to the admin console" })).toBeVisible();
    }
    const apis: [string, string][] = [
      ["GET", "/api/admin/organizations"],
      ["GET", `/api/admin/organizations/${dir.orgId}`],
      ["DELETE", `/api/admin/organizations/${dir.orgId}`],
      ["GET", `/api/admin/organizations/${dir.orgId}/webhook-deliveries`],
      ["GET", `/api/admin/directories/${dir.id}/users`],
      ["GET", "/api/admin/sync-log"],
    ];
    for (const [method, path] of apis) {
      const res = await request.fetch(path, { method, maxRedirects: 0 });
      expect(res.status(), `${method} ${path}`).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: "unauthorized", message: expect.any(String) } });
    }
  });

  test("a wrong password is explained, and after 5 failures sign-in is refused with how long to wait", async ({ page }) => {
    const staff = newStaff("support");
    await page.goto("/admin/sign-in");
    for (let i = 0; i < 5; i++) {
      await page.getByLabel("Email").fill(staff.email);
      await page.getByLabel("Password").fill(`not the password ${i}`);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.getByRole("alert").filter({ hasText: "You are not signed in" })).toContainText("The email or password is not right.");
    }
    await page.getByLabel("Password").fill(staff.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "You are not signed in" })).toContainText(/Too many attempts, try again in 1[45] minutes\./);
    await expect(page).toHaveURL(/\/admin\/sign-in/);
  });

  test("an identity provider's strings render as text: a user named like an <img> tag is not markup", async ({ page }) => {
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const admin = newStaff("admin");
    const dir = newDirectory("generic");
    await settle();
    const created = await scimClient(dir).post("/Users", userBody(XSS, { displayName: XSS, name: { givenName: XSS, familyName: XSS }, emails: [{ value: "xss@acme.test", primary: true }] }));
    expect(created.status, created.text).toBe(201);
    await signInToConsole(page, admin);

    await page.goto(`/admin/directories/${dir.id}/users`);
    await expect(page.getByRole("link", { name: XSS })).toBeVisible();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator("img[onerror]").count()).toBe(0);

    await page.getByRole("link", { name: XSS }).click();
    await expect(page.getByTestId("user-name")).toHaveText(XSS);
    await expect(page.getByLabel("Raw SCIM attributes")).toContainText(XSS);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator("img[onerror]").count()).toBe(0);
    expect(dialogs).toEqual([]);
  });
});
