// Issue 15, part 3: the Test step judges the connection on its recent requests, not only the last one. One 409
// after six successes is not a failure; a refused token after successes is.
import { expect, test } from "../fixtures";
import { scimClient, userBody } from "../support/scim";
import { newOrgWithLink, openLinkAndPickProvider, settle, snap } from "./portal-support";

test("the connection test says Okta works after six creates and a duplicate's 409, and not after a refused token", async ({ page }, testInfo) => {
  const { link } = newOrgWithLink("Initech", { intent: "dsync" });
  await settle();
  await openLinkAndPickProvider(page, link, /^Okta/);

  await expect(page).toHaveURL(/\/setup\/directory-sync$/);
  await page.getByRole("radio", { name: /Full provisioning/ }).check();
  await page.getByRole("button", { name: "Generate SCIM URL and token" }).click();
  const baseUrl = await page.getByLabel("SCIM connector base URL").inputValue();
  const scim = scimClient({ scimBaseUrl: baseUrl, token: await page.getByLabel("Authorization (Bearer token)").inputValue() });
  await page.getByRole("checkbox", { name: "I have stored the token in Okta" }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/setup\/test$/);

  for (let i = 0; i < 6; i++) expect((await scim.post("/Users", userBody(`person${i}@initech.example`))).status).toBe(201);
  expect((await scim.post("/Users", userBody("person0@initech.example"))).status).toBe(409);

  // The latest request was refused, and says so, but the verdict stays "Working".
  await expect(page.getByTestId("latest-summary")).toContainText("person0@initech.example", { timeout: 3000 });
  await expect(page.getByText("Working", { exact: true })).toBeVisible();
  await expect(page.getByTestId("connection-verdict")).toHaveText(
    "Okta is connected: its requests reach your directory. 6 of the last 7 requests worked; 1 was refused for what it asked, which does not stop the connection.",
  );
  await expect(page.getByText("Latest request")).toBeVisible();
  await expect(page.getByText("Refused", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Continue" })).toBeEnabled();
  await snap(page, testInfo, "test-working-after-409");

  // A token Okta no longer has right: the newest request fails as a connection, and the verdict turns.
  expect((await scimClient({ scimBaseUrl: baseUrl, token: "rc_scim_not-the-token" }).get("/Users")).status).toBe(401);
  await expect(page.getByText("Not working", { exact: true })).toBeVisible({ timeout: 3000 });
  await expect(page.getByTestId("connection-verdict")).toHaveText(/^Okta's latest request failed, so the connection does not work now \(6 of the last 8 requests worked\)/);
  await expect(page.getByText("What to fix", { exact: true })).toBeVisible();
  // The fix names a button that exists, and the page it is on, not "here".
  await expect(page.getByText("Generate a new token (Rotate token on the setup portal's Done page) and paste it into Okta's API Token field.")).toBeVisible();
  await snap(page, testInfo, "test-failing-after-401");
});
