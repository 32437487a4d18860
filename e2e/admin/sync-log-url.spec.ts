// Issue 15, part 4: sync-log filters live in the page's address, so a filtered view can be pasted into a ticket;
// and an account shows its directory user's name, not "none".
import { expect, test } from "../fixtures";
import { newDirectory, newStaff } from "../support/cli";
import { signInToConsole } from "../support/console";
import { scimClient, userBody } from "../support/scim";

test.describe("the console's sync log keeps its filters in the address", () => {
  test("a filtered view survives a reload and opens the same in another browser; bad values are named and ignored", async ({ page, browser }) => {
    const admin = newStaff("support");
    const dir = newDirectory("okta");
    const scim = scimClient(dir);
    expect((await scim.post("/Users", userBody("alice.url@filters.test"))).status).toBe(201);
    expect((await scim.post("/Users", userBody("alice.url@filters.test"))).status).toBe(409);
    expect((await scim.post("/Users", userBody("bob.url@filters.test"))).status).toBe(201);

    await signInToConsole(page, admin);
    await page.goto(`/admin/directories/${dir.id}/sync-log`);
    await expect(page.getByText("bob.url@filters.test").first()).toBeVisible();
    await page.getByLabel("Outcome").selectOption("refused");
    await page.getByLabel("Search").fill("alice.url");
    await expect(page).toHaveURL(/outcome=refused/);
    await expect(page).toHaveURL(/q=alice\.url/);
    await expect(page.getByText("Refused 409")).toHaveCount(1);
    await expect(page.getByText("bob.url@filters.test")).toHaveCount(0);

    // Pasted into a ticket: another agent opens the same address in a browser of their own.
    const pasted = page.url();
    const other = await browser.newContext();
    const agent = await other.newPage();
    await signInToConsole(agent, newStaff("support"));
    await agent.goto(pasted);
    await expect(agent.getByLabel("Outcome")).toHaveValue("refused");
    await expect(agent.getByLabel("Search")).toHaveValue("alice.url");
    await expect(agent.getByText("Refused 409")).toHaveCount(1);
    await expect(agent.getByText(/Succeeded 201/)).toHaveCount(0);

    // A mangled address: the bad values are named, the good one applies, and nothing breaks.
    await agent.goto(`/admin/directories/${dir.id}/sync-log?outcome=exploded&action=user.vanished&range=3y&q=bob.url`);
    const note = agent.getByRole("status").filter({ hasText: "Some filters in this address were ignored" });
    await expect(note).toContainText("outcome “exploded”");
    await expect(note).toContainText("action “user.vanished”");
    await expect(note).toContainText("range “3y”");
    await expect(agent.getByLabel("Search")).toHaveValue("bob.url");
    await expect(agent.getByText("bob.url@filters.test").first()).toBeVisible();
    await expect(agent.getByText("alice.url@filters.test")).toHaveCount(0);
    // The address now says only what is applied.
    await expect(agent).toHaveURL(new RegExp(`/sync-log\\?q=bob\\.url$`));
    await other.close();
  });

  test("the cross-tenant log keeps its own errors=only beside the filters, and a custom range round-trips as ISO times", async ({ page }) => {
    const admin = newStaff("admin");
    const dir = newDirectory("entra");
    expect((await scimClient({ ...dir, token: "rc_scim_wrong" }).get("/Users")).status).toBe(401);
    await signInToConsole(page, admin);
    const since = new Date(Date.now() - 3_600_000).toISOString();
    await page.goto(`/admin/sync-log?errors=only&since=${encodeURIComponent(since)}`);
    await expect(page.getByLabel("Time range")).toHaveValue("custom");
    await expect(page.getByLabel("From")).not.toHaveValue("");
    await expect(page.getByRole("listitem").filter({ hasText: `E2E ` }).filter({ hasText: "Refused 401" }).first()).toBeVisible();
    await page.getByLabel("Time range").selectOption("24h");
    await expect(page).toHaveURL(/[?&]errors=only/);
    await expect(page).toHaveURL(/[?&]range=24h/);
    await expect(page).not.toHaveURL(/since=/);
  });
});

test("an account linked to a directory user shows that user's name, not “none”", async ({ page }) => {
  const admin = newStaff("support");
  const dir = newDirectory("okta");
  // Okta sends a given and a family name, and no displayName.
  const res = await scimClient(dir).post("/Users", { ...userBody("margaret@apollo-names.test"), name: { givenName: "Margaret", familyName: "Hamilton" } });
  expect(res.status, res.text).toBe(201);
  await signInToConsole(page, admin);
  await page.goto(`/admin/organizations/${dir.orgId}`);
  const row = page.getByRole("region", { name: "Accounts" }).getByRole("row").filter({ hasText: "margaret@apollo-names.test" });
  await expect(row).toContainText("Margaret Hamilton");
  await expect(row).not.toContainText("none");
});

test("the audit trail reads in words and filters by who, what, organisation and day, in the address", async ({ page }) => {
  const support = newStaff("support");
  const dir = newDirectory("entra");
  await signInToConsole(page, support);
  await page.goto(`/admin/organizations/${dir.orgId}`);
  await page.getByRole("button", { name: "Issue setup link" }).click();
  await expect(page.locator("#issued-setup-link")).toHaveValue(/\/setup\/rc_setup_/);

  await page.goto("/admin/audit");
  await page.getByLabel("Who").fill(support.email);
  await page.getByLabel("Organisation").fill(dir.orgId);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`who=${encodeURIComponent(support.email).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  const rows = page.getByRole("table", { name: "Staff audit trail" }).getByRole("row");
  await expect(rows).toHaveCount(2); // the header and the one entry
  await expect(rows.nth(1)).toContainText(/Issued a setup link \(all\) starting rc_setup_\S+, valid until \d+ \w{3} \d{4}, \d\d:\d\d UTC\./);
  await expect(rows.nth(1)).toContainText(support.email);

  // What: a rotation never happened here, so nothing matches; the address says so and keeps the other filters.
  await page.getByLabel("What").selectOption("scim_token.rotated");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=scim_token\.rotated/);
  await expect(page.getByText("No entry matches these filters.")).toBeVisible();

  // A day range that holds today finds it again; a mangled day is named and ignored, not a crash.
  const today = new Date().toISOString().slice(0, 10);
  await page.goto(`/admin/audit?who=${encodeURIComponent(support.email)}&from=${today}&to=${today}`);
  await expect(rows).toHaveCount(2);
  await page.goto(`/admin/audit?who=${encodeURIComponent(support.email)}&from=last-tuesday`);
  await expect(page.getByRole("status").filter({ hasText: "Some filters in this address were ignored" })).toContainText("from “last-tuesday”");
  await expect(rows).toHaveCount(2);
});
