import { expect, test } from "./fixtures";

test.describe("GET /", () => {
  test("says what Rollcall is, that it is healthy, and where to go next", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Rollcall" })).toBeVisible();
    const status = page.getByLabel("System status");
    await expect(status).toContainText("All systems operational");
    await expect(status).toContainText(/Migrations applied: [1-9]\d*/);
    await expect(page.getByText("Microsoft Entra ID").first()).toBeVisible();
    await expect(page.getByRole("link", { name: /admin console/i }).first()).toHaveAttribute("href", "/admin");
    await expect(page.getByText("/scim/v2/").first()).toBeVisible();
  });

  test("is usable at 375 px wide, without sideways scrolling", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Rollcall" })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test("an unknown page answers 404 with a way home", async ({ page }) => {
    const res = await page.goto("/no-such-page");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("link", { name: /home/i }).first()).toBeVisible();
  });
});

test.describe("GET /api/health", () => {
  test("answers 200 with the database status and the migrations applied", async ({ request }) => {
    const res = await request.get("/api/health");
    expect(res.status(), await res.text()).toBe(200);
    const body = (await res.json()) as { status: string; db: string; migrations: number };
    expect(body.status).toBe("ok");
    expect(body.db).toBe("ok");
    expect(body.migrations).toBeGreaterThanOrEqual(1);
  });
});
