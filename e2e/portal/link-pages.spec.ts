// Issue 5, proof 6: an expired, revoked or unknown link gets a clear page, never a 500 or a bare 404.
import { expect, test } from "../fixtures";
import { dsyncJson } from "../support/cli";
import { sql } from "../support/db";
import { newOrgWithLink, settle, snap } from "./portal-support";

test("an expired link says so, for whom, since when, and whom to ask: the organisation's own contact", async ({ page }, testInfo) => {
  const { link } = newOrgWithLink("Initech Ltd", { expires: "1s", supportContact: "https://helpdesk.initech.example/setup" });
  await new Promise((r) => setTimeout(r, 1500));
  const res = await page.goto(link.url);
  expect(res?.status()).toBeLessThan(500);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This setup link has expired");
  await expect(page.getByText(/It was issued for Initech Ltd and expired on/)).toBeVisible();
  const ask = page.getByRole("link", { name: "https://helpdesk.initech.example/setup" });
  await expect(ask).toHaveAttribute("href", "https://helpdesk.initech.example/setup");
  await expect(page.getByText("For a new setup link, contact https://helpdesk.initech.example/setup.")).toBeVisible();
  expect(await sql(`SELECT 1 FROM "PortalSession" WHERE "setupLinkId" = $1`, [link.id])).toHaveLength(0);
  await snap(page, testInfo, "link-expired");
});

test("a revoked link says so, and its open session ends with it", async ({ page }, testInfo) => {
  const { slug, link } = newOrgWithLink("Globex Corporation");
  await settle();
  await page.goto(link.url);
  await expect(page).toHaveURL(/\/setup\/welcome$/);
  dsyncJson("setup-link", "revoke", "--org", slug, "--id", link.id);
  await settle();

  await page.goto("/setup/provider");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your setup session has ended");
  await snap(page, testInfo, "session-ended");

  await page.goto(link.url);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This setup link has been revoked");
  await expect(page.getByText(/It was issued for Globex Corporation and was revoked on/)).toBeVisible();
  // Globex names nobody: the operator's SUPPORT_CONTACT (set for the end-to-end app) is named instead.
  await expect(page.getByRole("link", { name: "support@rollcall-operator.example" })).toHaveAttribute("href", "mailto:support@rollcall-operator.example");
  await snap(page, testInfo, "link-revoked");
});

test("an unknown link reveals nothing beyond 'not valid'", async ({ page }, testInfo) => {
  const res = await page.goto("/setup/rc_setup_thisisnotarealtokenatallbutitlookslikeone123");
  expect(res?.status()).toBeLessThan(500);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This setup link is not valid");
  await expect(page.getByText(/issued for/)).toHaveCount(0);
  await expect(page.getByRole("link", { name: "support@rollcall-operator.example" })).toBeVisible();
  await snap(page, testInfo, "link-unknown");
});

test("opening a link by GET alone (a mail scanner) starts no session and does not use the link up", async ({ request }) => {
  const { link } = newOrgWithLink("Scanned Inc");
  await settle();
  for (let i = 0; i < 2; i++) expect((await request.get(link.url)).status()).toBe(200);
  expect(await sql(`SELECT 1 FROM "PortalSession" WHERE "setupLinkId" = $1`, [link.id])).toHaveLength(0);
});
