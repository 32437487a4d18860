// Issue 5, proof 1-3 and 7: the customer's IT admin completes the wizard with Okta, SAML metadata from a
// fixture, full mode and a generated token; then real SCIM requests show up in the live log, in words.
import { expect, test } from "../fixtures";
import { sql } from "../support/db";
import { PATCH_URN, scimClient, userBody } from "../support/scim";
import { fixture, newOrgWithLink, settle, snap } from "./portal-support";

test("the wizard, from setup link to live sync log, with Okta, SAML and full provisioning", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const { link } = newOrgWithLink("Acme Corporation International Holdings (EMEA) Ltd");
  await settle();

  await page.goto(link.url);
  await expect(page).toHaveURL(/\/setup\/welcome$/);
  const welcome = page.getByRole("heading", { level: 1 });
  await expect(welcome).toContainText("Acme Corporation International Holdings (EMEA) Ltd");
  await expect(welcome).toBeFocused();
  await expect(page.getByText(/About \d+ minutes/)).toBeVisible();
  await snap(page, testInfo, "1-welcome");

  // Keyboard alone through the first steps: Tab to the button, Enter; Tab into the radio group, arrows, Space.
  await page.getByRole("button", { name: "Get started" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/setup\/provider$/);
  await expect(page.getByRole("heading", { level: 1, name: "Choose your identity provider" })).toBeFocused();
  await page.getByRole("radio", { name: /Microsoft Entra ID/ }).focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio", { name: /^Okta/ })).toBeChecked();
  await snap(page, testInfo, "2-provider");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Continue" })).toBeFocused();
  await page.keyboard.press("Enter");

  // Single sign-on: our side in Okta's words, then the IdP metadata from the fixture file.
  await expect(page).toHaveURL(/\/setup\/sso$/);
  await expect(page.getByLabel("Single sign-on URL")).toHaveValue(new RegExp(`/sso/saml/${link.orgId}/acs$`));
  await expect(page.getByLabel("Audience URI (SP Entity ID)")).toHaveValue(new RegExp(`/sso/saml/${link.orgId}$`));
  const metadataLink = page.getByRole("link", { name: /Download our SP metadata/ });
  const spMetadata = await page.request.get(String(await metadataLink.getAttribute("href")));
  expect(spMetadata.status()).toBe(200);
  expect(await spMetadata.text()).toContain("AssertionConsumerService");
  await page.getByLabel("Metadata XML").fill(fixture("okta-metadata.xml"));
  await snap(page, testInfo, "3-sso");
  await page.getByRole("button", { name: "Save and continue" }).click();

  // Directory sync: full mode, a token shown once, confirmed stored before going on.
  await expect(page).toHaveURL(/\/setup\/directory-sync$/);
  await expect(page.getByRole("heading", { level: 1, name: "Directory sync" })).toBeFocused();
  await expect(page.getByText("Unique identifier field for users").first()).toBeVisible();
  await page.getByRole("radio", { name: /Full provisioning/ }).check();
  await page.getByRole("button", { name: "Generate SCIM URL and token" }).click();
  const baseUrl = await page.getByLabel("SCIM connector base URL").inputValue();
  const token = await page.getByLabel("Authorization (Bearer token)").inputValue();
  expect(baseUrl).toMatch(/\/scim\/v2\/dir_[0-9a-z]+$/);
  expect(token).toMatch(/^rc_scim_/);
  const continueButton = page.getByRole("button", { name: "Continue" });
  await expect(continueButton).toBeDisabled();
  await page.getByRole("checkbox", { name: "I have stored the token in Okta" }).check();
  await snap(page, testInfo, "4-directory-sync");
  await continueButton.click();

  // The test step waits, live, for Okta's first request ("Test Connector Configuration" reads /Users).
  await expect(page).toHaveURL(/\/setup\/test$/);
  await expect(page.getByText("Waiting for the first request from Okta…")).toBeVisible();
  await snap(page, testInfo, "5a-test-waiting");
  const scim = scimClient({ scimBaseUrl: baseUrl, token });
  expect((await scim.get("/Users?startIndex=1&count=2")).status).toBe(200);
  await expect(page.getByTestId("latest-summary")).toContainText("Okta", { timeout: 2000 });
  await snap(page, testInfo, "5b-test-worked");
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page).toHaveURL(/\/setup\/done$/);
  await expect(page.getByRole("heading", { level: 1, name: "Done, and live" })).toBeVisible();
  const progress = await sql<{ completedSteps: string[]; provider: string }>(`SELECT "completedSteps", "provider"::text FROM "SetupProgress" WHERE "organizationId" = $1`, [link.orgId]);
  expect(progress[0]).toMatchObject({ provider: "okta", completedSteps: expect.arrayContaining(["welcome", "provider", "sso", "directory-sync", "test"]) });
  const [connection] = await sql(`SELECT "protocol"::text, "samlIdpEntityId" FROM "SsoConnection" WHERE "organizationId" = $1`, [link.orgId]);
  expect(connection).toMatchObject({ protocol: "saml", samlIdpEntityId: "http://www.okta.com/exk1fcia6d6EMsf331d8" });

  // Proof 2 and 3: real SCIM requests; each appears in the log, in words, within 2 seconds.
  const log = page.getByRole("region", { name: "Sync log", exact: true });
  const entries = log.getByTestId("sync-log-entry");
  // The connection test's read is already there; the page's first load is not what is being timed.
  await expect(entries.filter({ hasText: "Okta" }).first()).toBeVisible();
  const alice = await scim.post("/Users", userBody("alice@acme.com", { password: "correct horse battery staple" }));
  expect(alice.status, alice.text).toBe(201);
  await expect(entries.filter({ hasText: "Okta created alice@acme.com" })).toHaveCount(1, { timeout: 2000 });
  const bob = await scim.post("/Users", userBody("bob@acme.com"));
  expect(bob.status, bob.text).toBe(201);
  await expect(entries.filter({ hasText: "Okta created bob@acme.com" })).toHaveCount(1, { timeout: 2000 });
  const off = await scim.patch(`/Users/${String(bob.body?.id)}`, { schemas: [PATCH_URN], Operations: [{ op: "replace", value: { active: false } }] });
  expect(off.status, off.text).toBe(200);
  // Summaries may go on ("… and signed them out"), so the words are matched as a prefix.
  const deactivated = entries.filter({ hasText: /Okta deactivated bob@acme\.com/ });
  await expect(deactivated).toHaveCount(1, { timeout: 2000 });
  await expect(deactivated).toHaveAttribute("data-outcome", "success");

  const counts = page.getByTestId("overview-counts");
  await expect(counts.getByRole("definition").nth(0)).toHaveText("2");
  await expect(counts.getByRole("definition").nth(1)).toHaveText("1");
  await expect(counts.getByRole("definition").nth(2)).toHaveText("1");
  await expect(counts.getByRole("definition").nth(3)).toHaveText("0");
  await snap(page, testInfo, "6-done-live");

  // An entry expands into its detail: the request as sent, with the password redacted and never shown.
  const aliceEntry = entries.filter({ hasText: "Okta created alice@acme.com" });
  await aliceEntry.getByRole("button", { name: "Details" }).click();
  await expect(aliceEntry.getByRole("button", { name: "Details" })).toHaveAttribute("aria-expanded", "true");
  const body = aliceEntry.getByRole("region", { name: "Request body" });
  await expect(aliceEntry.getByText("POST /scim/v2/")).toBeVisible();
  await expect(body).toContainText('"userName": "alice@acme.com"');
  await expect(body).toContainText('"password": "[REDACTED]"');
  await expect(page.getByText("correct horse battery staple")).toHaveCount(0);
  expect(await page.content()).not.toContain("correct horse battery staple");
  await snap(page, testInfo, "6b-done-entry-detail");

  // Filters: a refused request (bob again) is found by outcome; a deactivation by action.
  const again = await scim.post("/Users", userBody("bob@acme.com"));
  expect(again.status, again.text).toBe(409);
  await expect(entries.filter({ hasText: "refused, that user already exists" })).toHaveCount(1, { timeout: 2000 });
  await log.getByLabel("Outcome").selectOption({ label: "Refused" });
  await expect(entries).toHaveCount(1);
  await expect(entries).toHaveAttribute("data-outcome", "refused");
  await expect(entries).toContainText("Okta tried to create bob@acme.com");
  await snap(page, testInfo, "6c-done-filter-refused");
  await log.getByLabel("Outcome").selectOption({ label: "All" });
  await log.getByLabel("Action").selectOption({ label: "User deactivated" });
  await expect(entries).toHaveCount(1);
  await expect(entries).toContainText(/Okta deactivated bob@acme\.com/);
  await log.getByLabel("Action").selectOption({ label: "All actions" });
  await expect(entries.filter({ hasText: "Okta created alice@acme.com" })).toHaveCount(1);

  // Every step can be revisited from the step indicator; the SSO step shows the saved connection.
  await page.getByRole("navigation", { name: "Setup steps" }).getByRole("link", { name: /Single sign-on/ }).click();
  await expect(page).toHaveURL(/\/setup\/sso$/);
  await expect(page.getByText("A SAML connection is saved")).toBeVisible();
  await expect(page.getByText("http://www.okta.com/exk1fcia6d6EMsf331d8")).toBeVisible();
  await snap(page, testInfo, "7-sso-revisited");

  // One pass at phone width: nothing may overflow sideways.
  await page.setViewportSize({ width: 375, height: 800 });
  for (const step of ["welcome", "provider", "sso", "directory-sync", "test", "done"]) {
    await page.goto(`/setup/${step}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${step} scrolls sideways at 375 px`).toBeLessThanOrEqual(0);
    await snap(page, testInfo, `375-${step}`);
  }
});

test("the Done page before any request: the log's empty state names the provider, then fills live", async ({ page }, testInfo) => {
  const { link } = newOrgWithLink("Wayne Enterprises", { intent: "dsync" });
  await settle();
  await page.goto(link.url);
  await page.getByRole("button", { name: "Get started" }).click();
  await page.getByRole("radio", { name: /^Another provider/ }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/setup\/directory-sync$/);
  await page.getByRole("radio", { name: /Full provisioning/ }).check();
  await page.getByRole("button", { name: "Generate SCIM URL and token" }).click();
  const scim = scimClient({ scimBaseUrl: await page.getByLabel("SCIM base URL", { exact: true }).inputValue(), token: await page.getByLabel("Bearer token", { exact: true }).inputValue() });

  // Straight to Done, before the provider has sent anything.
  await page.goto("/setup/done");
  // Not "live" until the provider has been heard from.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Done");
  await expect(page.getByText("When your identity provider sends its first request, it shows up below")).toBeVisible();
  const log = page.getByRole("region", { name: "Sync log", exact: true });
  await expect(log.getByText("No requests from your identity provider yet. When it sends its first one, it appears here within 2 seconds.")).toBeVisible();
  await expect(log.getByTestId("sync-log-entry")).toHaveCount(0);
  await snap(page, testInfo, "done-empty");
  await page.setViewportSize({ width: 375, height: 800 });
  await snap(page, testInfo, "375-done-empty");

  expect((await scim.post("/Users", userBody("carol@wayne.example"))).status).toBe(201);
  await expect(log.getByTestId("sync-log-entry").filter({ hasText: "created carol@wayne.example" })).toHaveCount(1, { timeout: 2000 });
  await expect(log.getByText(/No requests from/)).toHaveCount(0);
});
