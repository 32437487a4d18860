import { expect, test } from "../fixtures";
import { sql } from "../support/db";
import { PATCH_URN, scimClient, userBody } from "../support/scim";
import { apiClient, createDirectory, createGlobalKey, createOrganization, type ApiClient, type Organization } from "./api-client";

type Account = { id: string; organization_id: string; email: string; status: string; source: string; directory_user_id: string | null };
type Session = { id: string; account_id: string; status: string; token?: string; expires_at: string; revoked_at: string | null };

let api: ApiClient;
let org: Organization;
test.beforeAll(async () => {
  api = apiClient((await createGlobalKey()).key);
  org = await createOrganization(api, "accounts");
});

async function newAccount(email: string): Promise<Account> {
  const res = await api.post<Account>(`/api/v1/organizations/${org.id}/accounts`, { email, name: "Test" });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function newSession(accountId: string, body: Record<string, unknown> = {}): Promise<Session & { token: string }> {
  const res = await api.post<Session & { token: string }>(`/api/v1/accounts/${accountId}/sessions`, body);
  expect(res.status, res.text).toBe(201);
  return res.body;
}

const verify = (token: string) => api.post<{ valid: boolean; reason?: string; account?: Account }>("/api/v1/sessions/verify", { token });

test.describe("/api/v1/organizations/{id}/accounts", () => {
  test("creates manual accounts, one per email whatever its case", async () => {
    const account = await newAccount("Ada@Example.com");
    expect(account).toMatchObject({ id: expect.stringMatching(/^acc_/), organization_id: org.id, email: "Ada@Example.com", status: "active", source: "manual", directory_user_id: null });
    const duplicate = await api.post(`/api/v1/organizations/${org.id}/accounts`, { email: "ada@EXAMPLE.com" });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ error: { code: "conflict", fields: { email: expect.stringContaining("already exists") } } });
    const invalid = await api.post(`/api/v1/organizations/${org.id}/accounts`, { email: "not-an-email", role: "admin" });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ error: { fields: { email: "must be an email address", role: "is not a known field" } } });
    expect((await api.post("/api/v1/organizations/org_missing/accounts", { email: "a@example.com" })).status).toBe(404);
    expect((await api.get<Account>(`/api/v1/accounts/${account.id}`)).body).toEqual(account);
  });

  test("lists accounts, by status and by email", async () => {
    const a = await newAccount("list-a@example.com");
    const b = await newAccount("list-b@example.com");
    await sql(`UPDATE "Account" SET status = 'deactivated' WHERE id = $1`, [b.id]);
    const byEmail = await api.get<{ data: Account[] }>(`/api/v1/organizations/${org.id}/accounts?email=LIST-A@example.com`);
    expect(byEmail.body.data.map((x) => x.id)).toEqual([a.id]);
    const deactivated = await api.get<{ data: Account[] }>(`/api/v1/organizations/${org.id}/accounts?status=deactivated`);
    expect(deactivated.body.data.map((x) => x.id)).toEqual([b.id]);
    const page = await api.get<{ data: Account[]; next_cursor: string }>(`/api/v1/organizations/${org.id}/accounts?limit=1`);
    expect(page.body.data).toHaveLength(1);
    expect(page.body.next_cursor).toBe(page.body.data[0]!.id);
  });
});

test.describe("/api/v1/accounts/{id}/sessions and /api/v1/sessions", () => {
  test("a session's token is answered once, verifies, and stops when the session is revoked", async () => {
    const account = await newAccount("sessions@example.com");
    const session = await newSession(account.id, { ttl_seconds: 3600 });
    expect(session).toMatchObject({ id: expect.stringMatching(/^ses_/), account_id: account.id, status: "active", revoked_at: null, token: expect.stringMatching(/^rc_ses_/) });
    expect(new Date(session.expires_at).getTime() - Date.now()).toBeLessThanOrEqual(3600_000);

    const listed = await api.get<{ data: Session[] }>(`/api/v1/accounts/${account.id}/sessions`);
    expect(listed.body.data.map((x) => x.id)).toEqual([session.id]);
    expect(listed.text).not.toContain(session.token);

    expect((await verify(session.token)).body).toMatchObject({ valid: true, account: { id: account.id, email: "sessions@example.com" }, session: { id: session.id } });
    const revoked = await api.delete<Session>(`/api/v1/sessions/${session.id}`);
    expect(revoked.body).toMatchObject({ id: session.id, status: "revoked", revoked_at: expect.any(String) });
    expect((await api.delete(`/api/v1/sessions/${session.id}`)).status).toBe(200);
    expect((await verify(session.token)).body).toEqual({ valid: false, reason: "revoked" });
  });

  test("verify tells expired and unknown tokens apart, and checks its input", async () => {
    const account = await newAccount("expiry@example.com");
    const session = await newSession(account.id);
    await sql(`UPDATE "Session" SET "expiresAt" = now() - interval '1 second' WHERE id = $1`, [session.id]);
    expect((await verify(session.token)).body).toEqual({ valid: false, reason: "expired" });
    expect((await verify(`rc_ses_${"A".repeat(43)}`)).body).toEqual({ valid: false, reason: "unknown" });
    const missing = await api.post("/api/v1/sessions/verify", {});
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: { fields: { token: "is required" } } });
    const ttl = await api.post(`/api/v1/accounts/${account.id}/sessions`, { ttl_seconds: 5 });
    expect(ttl.body).toMatchObject({ error: { fields: { ttl_seconds: "must be at least 60" } } });
  });

  test("a deactivated account cannot start a session: 400", async () => {
    const account = await newAccount("inactive@example.com");
    await sql(`UPDATE "Account" SET status = 'deactivated', "deactivatedAt" = now() WHERE id = $1`, [account.id]);
    const res = await api.post(`/api/v1/accounts/${account.id}/sessions`, {});
    expect(res.status, res.text).toBe(400);
    expect(res.body).toMatchObject({ error: { code: "invalid_input", message: expect.stringContaining("deactivated") } });
    expect((await api.post("/api/v1/accounts/acc_missing/sessions", {})).status).toBe(404);
  });

  test("deprovisioning the directory user rejects the account's sessions at once", async () => {
    const dir = await createDirectory(api, org.id, "full");
    const account = await newAccount("deprovisioned@example.com");
    const session = await newSession(account.id);
    expect((await verify(session.token)).body).toMatchObject({ valid: true });

    const client = scimClient({ scimBaseUrl: dir.scim_base_url, token: dir.token });
    const created = await client.post("/Users", userBody("deprovisioned@example.com"));
    expect(created.status, created.text).toBe(201);
    const linked = await api.get<Account>(`/api/v1/accounts/${account.id}`);
    expect(linked.body).toMatchObject({ status: "active", directory_user_id: created.body!.id });

    const deactivated = await client.patch(`/Users/${String(created.body!.id)}`, { schemas: [PATCH_URN], Operations: [{ op: "replace", path: "active", value: false }] });
    expect(deactivated.status, deactivated.text).toBe(200);
    expect((await verify(session.token)).body).toEqual({ valid: false, reason: "account_deactivated" });
    expect((await api.get<Account>(`/api/v1/accounts/${account.id}`)).body).toMatchObject({ status: "deactivated" });
    expect((await api.get<{ data: Session[] }>(`/api/v1/accounts/${account.id}/sessions`)).body.data).toEqual([expect.objectContaining({ id: session.id, status: "revoked" })]);
    expect((await api.post(`/api/v1/accounts/${account.id}/sessions`, {})).status).toBe(400);
  });
});
