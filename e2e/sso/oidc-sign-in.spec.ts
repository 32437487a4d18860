// Issue 11, proof 4 in Chromium against the production build: the same flows through OpenID Connect, with
// oidc-provider (a certified OpenID Provider) on loopback and its own login and consent pages, and the loopback
// host product of e2e/global-setup.ts.
import type { Browser, Page } from "@playwright/test";
import { createOrganization, type ApiClient, type CreatedDirectory, type Organization } from "../api/api-client";
import { expect, test } from "../fixtures";
import { GROUP_URN, type scimClient } from "../support/scim";
import { startTestOidcProvider, type TestOidcProvider } from "../../lib/testing/oidc-test-provider";
import { accountsByEmail, adminApi, hostResult, hostUrl, orgWithDirectory, putSsoConnection, scimCreateUser, scimDeactivate, startAtHost } from "./sso-support";

const CLIENT = { clientId: "rollcall-e2e", clientSecret: "rollcall-e2e-oidc-secret-4f9a1c" };
type Tenant = { org: Organization; dir: CreatedDirectory; scim: ReturnType<typeof scimClient> };

let api: ApiClient;
let provider: TestOidcProvider;
let jit: Tenant;
let full: Tenant;
let portalOrg: Organization;

test.beforeAll(async () => {
  api = await adminApi();
  jit = await orgWithDirectory(api, "oidc-jit", "deprovision-only");
  full = await orgWithDirectory(api, "oidc-full", "full");
  portalOrg = await createOrganization(api, "oidc-portal");
  const callback = (org: Organization) => `${process.env.ROLLCALL_E2E_URL}/sso/oidc/${org.id}/callback`;
  provider = await startTestOidcProvider({
    ...CLIENT,
    redirectUris: [callback(jit.org), callback(full.org), callback(portalOrg)],
    accounts: {
      ada: { email: "ada@acme.test", email_verified: true, given_name: "Ada", family_name: "Lovelace" },
      grace: { email: "grace@acme.test", email_verified: true, given_name: "Grace", family_name: "Hopper" },
      mallory: { email: "mallory@acme.test", email_verified: true, given_name: "Mallory" },
    },
  });
  for (const { org } of [jit, full]) await putSsoConnection(api, org.id, { protocol: "oidc", provider: "okta", issuer: provider.issuer, client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret });
});
test.afterAll(async () => {
  await provider?.close();
});

/**
 * A person signs in through the host in a browser of their own (oidc-provider remembers who signed in, as a real
 * IdP does), on the provider's own login and consent pages.
 */
async function signInThroughHost(browser: Browser, organizationId: string, login: string): Promise<{ page: Page; result: Awaited<ReturnType<typeof hostResult>> }> {
  const context = await browser.newContext({ baseURL: process.env.ROLLCALL_E2E_URL });
  const page = await context.newPage();
  // The provider's page styles @import a web font; this machine has no internet.
  await page.route("https://fonts.googleapis.com/**", (route) => route.abort());
  await startAtHost(page, organizationId);
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/interaction/`));
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  return { page, result: await hostResult(page) };
}

test.describe("OIDC sign-in in the browser, oidc-provider on loopback", () => {
  test("deprovision-only: the first sign-in makes a jit account; SCIM active:false ends its session; the next sign-in is refused with deprovisioned", async ({ browser }) => {
    const directoryUserId = await scimCreateUser(jit.scim, "ada@acme.test", { givenName: "Ada", familyName: "Lovelace" });
    const first = await signInThroughHost(browser, jit.org.id, "ada");
    if (!("profile" in first.result)) throw new Error(`sign-in refused: ${first.result.error} ${first.result.description}`);
    expect(first.result.profile).toMatchObject({ organization_id: jit.org.id, connection_type: "oidc", idp_id: "ada", email: "ada@acme.test", first_name: "Ada", last_name: "Lovelace" });
    const accountId = first.result.accountId;
    expect(await accountsByEmail(api, jit.org.id, "ada@acme.test")).toEqual([expect.objectContaining({ id: accountId, source: "jit", status: "active", directory_user_id: directoryUserId })]);
    await first.page.goto(`${hostUrl()}/me`);
    await expect(first.page.getByTestId("host-me")).toHaveText("signed in as ada@acme.test");

    await scimDeactivate(jit.scim, directoryUserId);
    await first.page.reload();
    await expect(first.page.getByTestId("host-me")).toHaveText("session ended: account_deactivated");

    const second = await signInThroughHost(browser, jit.org.id, "ada");
    expect(second.result).toMatchObject({ error: "deprovisioned", description: expect.stringContaining("removed by your organization") });
    await first.page.context().close();
    await second.page.context().close();
  });

  test("full provisioning: an unprovisioned person is refused in words; a provisioned one signs in with their groups", async ({ browser }) => {
    const graceId = await scimCreateUser(full.scim, "grace@acme.test", { givenName: "Grace", familyName: "Hopper" });
    const group = await full.scim.post("/Groups", { schemas: [GROUP_URN], displayName: "Navy Reserve", members: [{ value: graceId }] });
    expect(group.status, group.text).toBe(201);

    const refused = await signInThroughHost(browser, full.org.id, "mallory");
    expect(refused.result).toEqual({ error: "not_provisioned", description: expect.stringContaining("ask your IT admin to assign you to the application") });
    expect(await accountsByEmail(api, full.org.id, "mallory@acme.test")).toEqual([]);

    const grace = await signInThroughHost(browser, full.org.id, "grace");
    if (!("profile" in grace.result)) throw new Error(`sign-in refused: ${grace.result.error} ${grace.result.description}`);
    expect(grace.result.profile).toMatchObject({ connection_type: "oidc", email: "grace@acme.test", groups: [{ id: String(group.body!.id), name: "Navy Reserve" }] });
    expect(await accountsByEmail(api, full.org.id, "grace@acme.test")).toEqual([expect.objectContaining({ id: grace.result.accountId, source: "scim" })]);
    await refused.page.context().close();
    await grace.page.context().close();
  });

  test("an admin configures OpenID Connect in the setup portal, runs Test single sign-on at the provider, and sees the profile", async ({ page }) => {
    const link = await api.post<{ url: string }>(`/api/v1/organizations/${portalOrg.id}/setup-links`, { intent: "sso" });
    expect(link.status, link.text).toBe(201);
    await page.route("https://fonts.googleapis.com/**", (route) => route.abort());
    await page.goto(link.body.url);
    await page.getByRole("button", { name: "Get started" }).click();
    await page.getByRole("radio", { name: /^Okta/ }).check();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/setup\/sso$/);

    // The redirect URI the portal shows is the one the provider was told about.
    await page.getByRole("radio", { name: /OpenID Connect/ }).check();
    await expect(page.locator("#sp-redirect-uri")).toHaveValue(`${process.env.ROLLCALL_E2E_URL}/sso/oidc/${portalOrg.id}/callback`);
    await page.getByRole("textbox", { name: "Issuer URL" }).fill(provider.issuer);
    await page.getByRole("textbox", { name: "Client ID" }).fill(CLIENT.clientId);
    await page.locator("#oidc-client-secret").fill(CLIENT.clientSecret);
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(page).not.toHaveURL(/\/setup\/sso$/);

    // On a revisit the step shows what it read, and the test sign-in goes through the provider's own pages.
    await page.goto("/setup/sso");
    await expect(page.getByText(provider.issuer, { exact: true })).toBeVisible();
    await page.getByRole("link", { name: "Test single sign-on" }).click();
    await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/interaction/`));
    await page.getByPlaceholder("Enter any login").fill("ada");
    await page.getByPlaceholder("and password").fill("any password");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();

    await expect(page).toHaveURL(/\/setup\/sso\/test\?attempt=sgn_/);
    await expect(page.getByText("Single sign-on works")).toBeVisible();
    const profile = page.getByTestId("sso-test-profile");
    await expect(profile).toContainText("ada@acme.test");
    await expect(profile).toContainText("Lovelace");
    // A test sign-in creates no account.
    expect(await accountsByEmail(api, portalOrg.id, "ada@acme.test")).toEqual([]);
  });
});
