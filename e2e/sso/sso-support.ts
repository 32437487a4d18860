import { expect, type Page } from "@playwright/test";
import { apiClient, createDirectory, createGlobalKey, createOrganization, type ApiClient, type CreatedDirectory, type Organization } from "../api/api-client";
import { appUrl } from "../fixtures";
import { PATCH_URN, scimClient, userBody } from "../support/scim";

/** The loopback host product that e2e/global-setup.ts runs (lib/testing/sso-host-app.ts). */
export function hostUrl(): string {
  const url = process.env.ROLLCALL_E2E_HOST_URL;
  if (!url) throw new Error("ROLLCALL_E2E_HOST_URL is not set: run the specs through `npm run test:e2e`");
  return url;
}

export type Account = { id: string; email: string; status: "active" | "deactivated"; source: "scim" | "jit" | "manual"; directory_user_id: string | null };
export type Profile = { organization_id: string; connection_type: string; idp_id: string; email: string; first_name: string | null; last_name: string | null; groups: { id: string; name: string }[] };
export type ConnectionSettings = { service_provider: { entity_id: string; acs_url: string; redirect_uri: string }; connection: { id: string } | null };

export async function adminApi(): Promise<ApiClient> {
  return apiClient((await createGlobalKey("sso e2e")).key);
}

/** An organisation with a directory in `mode` and its SCIM client. */
export async function orgWithDirectory(api: ApiClient, label: string, mode: "full" | "deprovision-only"): Promise<{ org: Organization; dir: CreatedDirectory; scim: ReturnType<typeof scimClient> }> {
  const org = await createOrganization(api, label);
  const dir = await createDirectory(api, org.id, mode);
  return { org, dir, scim: scimClient({ scimBaseUrl: dir.scim_base_url, token: dir.token }) };
}

export async function putSsoConnection(api: ApiClient, organizationId: string, body: Record<string, unknown>): Promise<ConnectionSettings> {
  const res = await api.put<ConnectionSettings>(`/api/v1/organizations/${organizationId}/sso-connection`, body);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

export async function accountsByEmail(api: ApiClient, organizationId: string, email: string): Promise<Account[]> {
  const res = await api.get<{ data: Account[] }>(`/api/v1/organizations/${organizationId}/accounts?email=${encodeURIComponent(email)}`);
  expect(res.status, res.text).toBe(200);
  return res.body.data;
}

export async function scimCreateUser(scim: ReturnType<typeof scimClient>, email: string, name: { givenName: string; familyName: string }): Promise<string> {
  const res = await scim.post("/Users", userBody(email, { name }));
  expect(res.status, res.text).toBe(201);
  return String(res.body!.id);
}

export async function scimDeactivate(scim: ReturnType<typeof scimClient>, userId: string) {
  const res = await scim.patch(`/Users/${userId}`, { schemas: [PATCH_URN], Operations: [{ op: "replace", path: "active", value: false }] });
  expect(res.status, res.text).toBe(200);
}

/** The host's sign-in button: its /login sends the browser to Rollcall's /sso/authorize. */
export async function startAtHost(page: Page, organizationId: string) {
  await page.goto(`${hostUrl()}/login?organization=${encodeURIComponent(organizationId)}`);
}

/** What the host app shows after its callback: the profile it exchanged the code for, or the error it got. */
export async function hostResult(page: Page): Promise<{ profile: Profile; accountId: string; sessionId: string } | { error: string; description: string }> {
  await page.waitForURL((url) => url.href.startsWith(`${hostUrl()}/callback`));
  const error = page.getByTestId("host-error");
  if (await error.count()) return { error: (await error.textContent()) ?? "", description: (await page.getByTestId("host-error-description").textContent()) ?? "" };
  return {
    profile: JSON.parse((await page.getByTestId("host-profile").textContent()) ?? "null") as Profile,
    accountId: (await page.getByTestId("host-account").textContent()) ?? "",
    sessionId: (await page.getByTestId("host-session").textContent()) ?? "",
  };
}

export { appUrl };
