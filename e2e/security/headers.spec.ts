// Issue 12, item 13: no page sent a Content-Security-Policy or refused framing, so any site could frame the
// portal or the console (clickjacking on "rotate" and "delete"); the setup pages' no-referrer was only a
// meta tag, which does not cover JSON responses.
import { appUrl, expect, test } from "../fixtures";

test.describe("security headers", () => {
  for (const path of ["/", "/admin/sign-in", "/setup/rc_setup_not-a-real-link", "/setup/api/overview", "/api/health"]) {
    test(`${path} refuses framing and sniffing`, async () => {
      const res = await fetch(`${appUrl()}${path}`, { redirect: "manual" });
      expect(res.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    });
  }

  test("setup responses, JSON ones included, send Referrer-Policy: no-referrer", async () => {
    for (const path of ["/setup/rc_setup_not-a-real-link", "/setup/api/overview", "/setup/welcome"]) {
      const res = await fetch(`${appUrl()}${path}`, { redirect: "manual" });
      expect(res.headers.get("referrer-policy"), path).toBe("no-referrer");
    }
  });

  test("another site cannot frame the console: Chromium refuses to render it", async ({ page }) => {
    const refused: string[] = [];
    page.on("console", (m) => {
      if (/frame-ancestors|Refused to (display|frame)/i.test(m.text())) refused.push(m.text());
    });
    // A page of another origin (about:blank's opaque one) framing the sign-in page.
    await page.setContent(`<iframe id="victim" src="${appUrl()}/admin/sign-in" width="800" height="600"></iframe>`);
    await expect.poll(() => refused.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const frame = page.frames().find((f) => f.url().includes("/admin/sign-in"));
    expect(await frame?.locator("input[type=password]").count().catch(() => 0) ?? 0).toBe(0);
  });

  test("the console's sign-in page still works under the policy, with no violation reported", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto("/admin/sign-in");
    await expect(page.locator("input[type=password]")).toBeVisible();
    // Hydrated: React handles the submit (an empty form is refused in the page, not by a full reload).
    await page.waitForLoadState("networkidle");
    expect(violations).toEqual([]);
  });
});
