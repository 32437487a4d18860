// Issue 15, part 2: a token that staff rotate reaches the customer by a setup link, never by hand. Support
// rotates with grace and sends it by link; the customer's admin opens the link and sees the token once, where
// Entra wants it; it works on /scim/v2 at once, the old one keeps working through the grace, and a reload
// does not show it again.
import { expect, test } from "../fixtures";
import { newStaff } from "../support/cli";
import { signInToConsole } from "../support/console";
import { scimClient, userBody } from "../support/scim";
import { newOrgWithLink, openLinkAndPickProvider, settle, snap } from "./portal-support";

/** A whole SCIM token in clear anywhere on a page would mean the console leaked what it must not see. */
const WHOLE_TOKEN = /rc_scim_[A-Za-z0-9_-]{20,}/;

test("support rotates with grace and sends the token by link; the customer's admin sees it once, it works, and the old one keeps working", async ({ browser }, testInfo) => {
  // The customer set up directory sync with Entra through the portal, and Entra uses the first token.
  const { slug, link } = newOrgWithLink("Wayne Enterprises", { intent: "dsync" });
  const support = newStaff("support");
  await settle();
  const customer = await browser.newContext();
  const setup = await customer.newPage();
  await openLinkAndPickProvider(setup, link, /Microsoft Entra ID/);
  await setup.getByRole("radio", { name: /Full provisioning/ }).check();
  await setup.getByRole("button", { name: "Generate SCIM URL and token" }).click();
  const scimBaseUrl = await setup.locator("#scim-base-url").inputValue();
  const oldToken = await setup.locator("#scim-token").inputValue();
  const directoryId = scimBaseUrl.split("/").pop()!;
  const old = scimClient({ scimBaseUrl, token: oldToken });
  expect((await old.post("/Users", userBody("bruce@wayne.example"))).status).toBe(201);
  await customer.close();

  // A support agent rotates it from the console, with a day's grace, and chooses delivery by link.
  const staff = await browser.newContext();
  const consolePage = await staff.newPage();
  await signInToConsole(consolePage, support);
  await consolePage.goto(`/admin/directories/${directoryId}/tokens`);
  const grace = consolePage.getByLabel("Old tokens keep working for");
  // Support may rotate only with grace: "None" is not on offer to them.
  expect(await grace.locator("option").allTextContents()).toEqual(["1 hour", "24 hours", "3 days", "7 days"]);
  await grace.selectOption("24");
  await consolePage.getByRole("radio", { name: /Send it to the customer in a setup link/ }).check();
  await consolePage.getByRole("button", { name: "Rotate token" }).click();
  const sent = consolePage.getByRole("status").filter({ hasText: "New token issued, sent by setup link" });
  await expect(sent).toBeVisible();
  await expect(sent).toContainText(`${oldToken.slice(0, 14)}… keeps working until`);
  const tokenLink = await consolePage.locator("#token-setup-link").inputValue();
  expect(tokenLink).toMatch(/\/setup\/rc_setup_[A-Za-z0-9_-]+$/);
  // The agent never sees the new token: not on the page, not in the table of tokens.
  expect(await consolePage.content()).not.toMatch(WHOLE_TOKEN);
  await expect(consolePage.locator("#issued-scim-token")).toHaveCount(0);
  await snap(consolePage, testInfo, "console-sent-by-link");

  // The customer's admin opens the link in their own browser and lands on the page that shows the token.
  const admin = await browser.newContext();
  const page = await admin.newPage();
  await page.goto(tokenLink);
  await expect(page).toHaveURL(/\/setup\/directory-sync$/);
  await expect(page.getByRole("heading", { name: "Your new SCIM token" })).toBeVisible();
  await page.getByRole("button", { name: "Show the new token" }).click();
  const newToken = await page.locator("#delivered-token").inputValue();
  expect(newToken).toMatch(/^rc_scim_/);
  expect(newToken).not.toBe(oldToken);
  // Where to paste it, in Entra's own words, and until when the old one works, with date and time zone.
  await expect(page.getByText("Paste it into Microsoft Entra ID's Secret Token field now: it is shown only this once.")).toBeVisible();
  await expect(page.getByText(/Under Admin Credentials, paste the SCIM base URL into “Tenant URL” and the token into “Secret Token”/)).toBeVisible();
  await expect(page.locator("#scim-base-url")).toHaveValue(scimBaseUrl);
  await expect(page.getByText(new RegExp(`The previous token ${oldToken.slice(0, 14)}… keeps working until \\d{1,2} \\w+ \\d{4}.* \\d{2}:\\d{2} (UTC|GMT[+-]?\\d*)`))).toBeVisible();
  await snap(page, testInfo, "portal-token-shown");

  // The new token works on /scim/v2 at once, over real HTTP; the old one keeps working through the grace.
  const fresh = scimClient({ scimBaseUrl, token: newToken });
  const created = await fresh.post("/Users", userBody("alfred@wayne.example"));
  expect(created.status, created.text).toBe(201);
  const listed = await old.get("/Users");
  expect(listed.status, listed.text).toBe(200);
  expect(listed.text).toContain("alfred@wayne.example");

  // A reload does not show it again, and says where to get another.
  await page.reload();
  await expect(page.getByText(/was already shown/)).toBeVisible();
  await expect(page.getByText(/get a new one with Rotate token on the Done page/)).toBeVisible();
  await expect(page.locator("#delivered-token")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Show the new token" })).toHaveCount(0);
  expect(await page.content()).not.toContain(newToken);
  // A second visit of the link says the same: it was shown once.
  await page.goto(tokenLink);
  await expect(page.getByText(/was already shown/)).toBeVisible();
  await snap(page, testInfo, "portal-token-already-shown");
  // The Done page it points to has that button.
  await page.getByRole("link", { name: "Go to the Done page" }).first().click();
  await expect(page.getByRole("button", { name: "Rotate token" })).toBeVisible();
  await admin.close();

  // The trails say it in words: the agent sent the token by link, and the customer's admin was shown it once.
  await consolePage.goto(`/admin/audit?organization=${slug}`);
  await expect(consolePage.getByRole("row").filter({ hasText: "not shown to staff but sent to the customer in the setup link" })).toHaveCount(1);
  await expect(consolePage.getByRole("row").filter({ hasText: "carrying the new SCIM token" })).toHaveCount(1);
  await consolePage.goto(`/admin/audit?trail=portal&organization=${slug}`);
  await expect(consolePage.getByRole("row").filter({ hasText: `Showed the new SCIM token ${newToken.slice(0, 14)}` })).toHaveCount(1);
  expect(await consolePage.content()).not.toMatch(WHOLE_TOKEN);
  await staff.close();
});
