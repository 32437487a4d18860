// Issue 5, proof 4: in deprovision-only mode a group write from the provider shows in the log as refused, with the reason.
import { expect, test } from "../fixtures";
import { GROUP_URN, scimClient, userBody } from "../support/scim";
import { newOrgWithLink, openLinkAndPickProvider, settle, snap } from "./portal-support";

test("deprovision-only: a group push is shown as refused, with what to change in Okta", async ({ page }, testInfo) => {
  const { link } = newOrgWithLink("Hooli", { intent: "dsync" });
  await settle();
  await openLinkAndPickProvider(page, link, /^Okta/);

  await expect(page).toHaveURL(/\/setup\/directory-sync$/);
  await page.getByRole("radio", { name: /Deprovision-only/ }).check();
  // The provider's steps say to leave group push off in this mode.
  await expect(page.getByText(/Leave “Push Groups” unticked/)).toBeVisible();
  await page.getByRole("button", { name: "Generate SCIM URL and token" }).click();
  const scim = scimClient({ scimBaseUrl: await page.getByLabel("SCIM connector base URL").inputValue(), token: await page.getByLabel("Authorization (Bearer token)").inputValue() });
  await page.getByRole("checkbox", { name: "I have stored the token in Okta" }).check();
  await snap(page, testInfo, "deprovision-directory-sync");
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page).toHaveURL(/\/setup\/test$/);
  const refused = await scim.post("/Groups", { schemas: [GROUP_URN], displayName: "Engineering" });
  expect(refused.status, refused.text).toBe(403);
  // The connection test explains the refusal, and waits for a request that works.
  await expect(page.getByTestId("latest-summary")).toHaveText("Okta tried to create group Engineering: refused, group provisioning is off for this directory", { timeout: 2000 });
  await expect(page.getByText(/In Okta, untick “Push Groups” under “Supported provisioning actions”/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Continue" })).toBeDisabled();
  await snap(page, testInfo, "deprovision-test-refused");
  expect((await scim.get("/Users")).status).toBe(200);
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page).toHaveURL(/\/setup\/done$/);
  const again = await scim.post("/Groups", { schemas: [GROUP_URN], displayName: "Sales" });
  expect(again.status).toBe(403);
  // In the live log: refused, with the reason in the summary and what to change in Okta under it.
  const entry = page
    .getByRole("region", { name: "Sync log", exact: true })
    .getByTestId("sync-log-entry")
    .filter({ hasText: "Okta tried to create group Sales: refused, group provisioning is off for this directory" });
  await expect(entry).toHaveCount(1, { timeout: 2000 });
  await expect(entry).toHaveAttribute("data-outcome", "refused");
  await expect(entry).toContainText("Refused 403");
  await expect(entry).toContainText("This directory is set to deprovision-only, so it takes no groups. In Okta, untick “Push Groups”");
  await snap(page, testInfo, "deprovision-done-log");

  // The people Okta sends are known to the directory but have no account until their first sign-in, and the
  // overview says so and counts them apart.
  expect((await scim.post("/Users", userBody("ada@hooli.example"))).status).toBe(201);
  await expect(page.getByTestId("deprovision-only-note")).toHaveText(
    "Deprovision-only: the people Okta sends have no account until they first sign in with single sign-on. Okta only deactivates accounts.",
  );
  const counts = page.getByTestId("overview-counts");
  await expect(counts.getByRole("term").nth(0)).toHaveText("Known to the directory");
  await expect(counts.getByRole("definition").nth(0)).toHaveText("1", { timeout: 3000 });
  await expect(counts.getByRole("term").nth(1)).toHaveText("Have an account");
  await expect(counts.getByRole("definition").nth(1)).toHaveText("0");

  // Switching mode says what to change in Okta, in Okta's words (issue 15, part 3).
  const mode = page.getByRole("group", { name: "Sync mode" });
  await expect(mode.getByText("Accounts are made when people first sign in with SSO; Okta only deactivates them. In Okta, untick “Push Groups”")).toBeVisible();
  await mode.getByRole("radio", { name: /Full provisioning/ }).check();
  await page.getByRole("button", { name: "Change sync mode" }).click();
  await expect(page.getByText("Saved: Full provisioning. It applies from Okta's next request.")).toBeVisible();
  await expect(page.getByText("Now, in Okta")).toBeVisible();
  await expect(page.getByText("Tick “Push Groups” under “Supported provisioning actions” too, then choose the groups to send on the Push Groups tab.")).toBeVisible();
});
