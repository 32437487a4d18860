// Issue 11, proof in Chromium against the production build: SAML sign-in through a loopback IdP
// (lib/testing/saml-idp-server.ts, xml-crypto signing with keys made at test time) on 127.0.0.2, another site
// than Rollcall on 127.0.0.1 as in production, and the loopback host product of e2e/global-setup.ts.
import type { ApiClient } from "../api/api-client";
import { expect, test } from "../fixtures";
import { snap } from "../portal/portal-support";
import { GROUP_URN } from "../support/scim";
import { startSamlIdpServer, type SamlIdpServer } from "../../lib/testing/saml-idp-server";
import { createOrganization } from "../api/api-client";
import { accountsByEmail, adminApi, hostResult, hostUrl, orgWithDirectory, putSsoConnection, scimCreateUser, scimDeactivate, startAtHost } from "./sso-support";

let idp: SamlIdpServer;
let api: ApiClient;

test.beforeAll(async () => {
  api = await adminApi();
  idp = await startSamlIdpServer({
    host: "127.0.0.2",
    users: {
      ada: { nameId: "00u-ada", email: "ada@acme.test", firstName: "Ada", lastName: "Lovelace" },
      grace: { nameId: "00u-grace", email: "grace@acme.test", firstName: "Grace", lastName: "Hopper" },
      mallory: { nameId: "00u-mallory", email: "mallory@acme.test", firstName: "Mallory", lastName: "Nobody" },
    },
  });
});
test.afterAll(async () => {
  await idp?.close();
});

/** The IdP's login form: the person types their user name and signs in; the IdP posts to our ACS. */
async function signInAtIdp(page: import("@playwright/test").Page, username: string) {
  await expect(page.getByRole("heading", { name: "Loopback IdP" })).toBeVisible();
  await page.getByLabel("Username").fill(username);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** A SAML connection made through the management API from the IdP's metadata URL, and the IdP told about us. */
async function connectSaml(organizationId: string, extra: Record<string, unknown> = {}) {
  const settings = await putSsoConnection(api, organizationId, { protocol: "saml", provider: "okta", metadata_url: idp.metadataUrl, ...extra });
  idp.registerServiceProvider({ entityId: settings.service_provider.entity_id, acsUrl: settings.service_provider.acs_url });
  return settings;
}

test.describe("SAML sign-in in the browser, loopback IdP", () => {
  test("an admin configures SAML in the setup portal from the IdP's metadata URL, runs Test single sign-on, and sees the profile", async ({ page }, testInfo) => {
    // The organisation and the setup link, made by the host product through the API.
    const org = await createOrganization(api, "saml-portal");
    const link = await api.post<{ url: string }>(`/api/v1/organizations/${org.id}/setup-links`, { intent: "sso" });
    expect(link.status, link.text).toBe(201);
    await page.goto(link.body.url);
    await page.getByRole("button", { name: "Get started" }).click();
    await page.getByRole("radio", { name: /^Okta/ }).check();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/setup\/sso$/);

    // In the IdP, the admin creates the application from the values the portal shows.
    idp.registerServiceProvider({ entityId: await page.locator("#sp-entity-id").inputValue(), acsUrl: await page.locator("#sp-acs-url").inputValue() });
    await page.getByRole("radio", { name: "Give its URL" }).check();
    await page.getByLabel("Metadata URL").fill(idp.metadataUrl);
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(page).not.toHaveURL(/\/setup\/sso$/);

    await page.goto("/setup/sso");
    await expect(page.getByText(idp.entityId)).toBeVisible();
    await page.getByRole("link", { name: "Test single sign-on" }).click();
    await expect(page).toHaveURL(new RegExp(`^${idp.url}/sso\\?SAMLRequest=`));
    await signInAtIdp(page, "ada");

    // Back in the portal (its SameSite=Lax cookie survives the IdP's cross-site POST and our redirect).
    await expect(page).toHaveURL(/\/setup\/sso\/test\?attempt=sgn_/);
    await expect(page.getByText("Single sign-on works")).toBeVisible();
    const profile = page.getByTestId("sso-test-profile");
    await expect(profile).toContainText("00u-ada");
    await expect(profile).toContainText("ada@acme.test");
    await expect(profile).toContainText("Lovelace");
    await expect(page.getByText('"firstName": "Ada"')).toBeVisible();
    await snap(page, testInfo, "sso-test-result");
    // A test sign-in creates no account.
    expect(await accountsByEmail(api, org.id, "ada@acme.test")).toEqual([]);
  });

  test("deprovision-only: the first sign-in makes a jit account; SCIM active:false ends its session; the next sign-in is refused with deprovisioned", async ({ page }) => {
    const { org, scim } = await orgWithDirectory(api, "saml-jit", "deprovision-only");
    await connectSaml(org.id);
    const directoryUserId = await scimCreateUser(scim, "ada@acme.test", { givenName: "Ada", familyName: "Lovelace" });
    expect(await accountsByEmail(api, org.id, "ada@acme.test")).toEqual([]);

    await startAtHost(page, org.id);
    await signInAtIdp(page, "ada");
    const first = await hostResult(page);
    if (!("profile" in first)) throw new Error(`sign-in refused: ${first.error} ${first.description}`);
    expect(first.profile).toMatchObject({ organization_id: org.id, connection_type: "saml", idp_id: "00u-ada", email: "ada@acme.test", first_name: "Ada" });
    expect(await accountsByEmail(api, org.id, "ada@acme.test")).toEqual([expect.objectContaining({ id: first.accountId, source: "jit", status: "active", directory_user_id: directoryUserId })]);
    await page.goto(`${hostUrl()}/me`);
    await expect(page.getByTestId("host-me")).toHaveText("signed in as ada@acme.test");

    await scimDeactivate(scim, directoryUserId);
    const sessions = await api.get<{ data: { id: string; status: string }[] }>(`/api/v1/accounts/${first.accountId}/sessions`);
    expect(sessions.body.data).toEqual([expect.objectContaining({ id: first.sessionId, status: "revoked" })]);
    await page.reload();
    await expect(page.getByTestId("host-me")).toHaveText("session ended: account_deactivated");

    await startAtHost(page, org.id);
    await signInAtIdp(page, "ada");
    const second = await hostResult(page);
    expect(second).toMatchObject({ error: "deprovisioned", description: expect.stringContaining("removed by your organization") });
    expect(await accountsByEmail(api, org.id, "ada@acme.test")).toEqual([expect.objectContaining({ id: first.accountId, status: "deactivated" })]);
  });

  test("full provisioning: an unprovisioned person is refused in words; a provisioned one signs in with their groups", async ({ page }) => {
    const { org, scim } = await orgWithDirectory(api, "saml-full", "full");
    await connectSaml(org.id);
    const graceId = await scimCreateUser(scim, "grace@acme.test", { givenName: "Grace", familyName: "Hopper" });
    const group = await scim.post("/Groups", { schemas: [GROUP_URN], displayName: "Compiler Team", members: [{ value: graceId }] });
    expect(group.status, group.text).toBe(201);

    await startAtHost(page, org.id);
    await signInAtIdp(page, "mallory");
    expect(await hostResult(page)).toEqual({ error: "not_provisioned", description: expect.stringContaining("ask your IT admin to assign you to the application") });
    expect(await accountsByEmail(api, org.id, "mallory@acme.test")).toEqual([]);

    await startAtHost(page, org.id);
    await signInAtIdp(page, "grace");
    const signedIn = await hostResult(page);
    if (!("profile" in signedIn)) throw new Error(`sign-in refused: ${signedIn.error} ${signedIn.description}`);
    expect(signedIn.profile.groups).toEqual([{ id: String(group.body!.id), name: "Compiler Team" }]);
    expect(await accountsByEmail(api, org.id, "grace@acme.test")).toEqual([expect.objectContaining({ id: signedIn.accountId, source: "scim", directory_user_id: graceId })]);
  });

  test("IdP-initiated, on a connection that allows it: the host's login restarts it SP-initiated with the login hint, and the host gets a code", async ({ page }) => {
    const { org } = await orgWithDirectory(api, "saml-idp-init", "deprovision-only");
    const settings = await connectSaml(org.id, { allow_idp_initiated: true });
    const before = idp.requests.length;

    await page.goto(idp.idpInitiatedUrl(settings.service_provider.entity_id));
    await signInAtIdp(page, "grace");
    // Rollcall sent the browser to the host's login, which started an ordinary sign-in: a fresh AuthnRequest,
    // and the IdP's form filled in from the login hint.
    await expect(page).toHaveURL(new RegExp(`^${idp.url}/sso\\?`));
    await expect(page.getByLabel("Username")).toHaveValue("grace@acme.test");
    expect(idp.requests.slice(before)).toEqual([{ id: expect.stringMatching(/^_/), issuer: settings.service_provider.entity_id, binding: "redirect" }]);
    await page.getByRole("button", { name: "Sign in" }).click();
    const result = await hostResult(page);
    expect(result).toMatchObject({ profile: { email: "grace@acme.test", idp_id: "00u-grace" } });
  });

  test("an IdP whose metadata offers only HTTP-POST gets the AuthnRequest by a form the browser posts, under our CSP", async ({ page }) => {
    const postIdp = await startSamlIdpServer({ host: "127.0.0.2", binding: "post", users: { ada: { nameId: "00u-ada-post", email: "ada@acme.test", firstName: "Ada" } } });
    try {
      const org = await createOrganization(api, "saml-post");
      const settings = await putSsoConnection(api, org.id, { protocol: "saml", provider: "okta", metadata_url: postIdp.metadataUrl });
      postIdp.registerServiceProvider({ entityId: settings.service_provider.entity_id, acsUrl: settings.service_provider.acs_url });
      await startAtHost(page, org.id);
      await expect(page).toHaveURL(`${postIdp.url}/sso`);
      expect(postIdp.requests).toEqual([{ id: expect.stringMatching(/^_/), issuer: settings.service_provider.entity_id, binding: "post" }]);
      await signInAtIdp(page, "ada");
      expect(await hostResult(page)).toMatchObject({ profile: { organization_id: org.id, idp_id: "00u-ada-post", email: "ada@acme.test" } });
    } finally {
      await postIdp.close();
    }
  });
});
