import { expect, test } from "../fixtures";
import { scimClient } from "../support/scim";
import { apiClient, collect, createDirectory, createGlobalKey, createOrganization, createOrgKey, uniqueSlug, type ApiClient, type Organization } from "./api-client";

type Directory = { id: string; organization_id: string; name: string; provider: string; sync_mode: string; status: string; scim_base_url: string; tokens?: { prefix: string }[] };

const scim = (dir: { scim_base_url: string }, token: string) => scimClient({ scimBaseUrl: dir.scim_base_url, token });

let api: ApiClient;
test.beforeAll(async () => {
  api = apiClient((await createGlobalKey()).key);
});

test.describe("/api/v1/organizations", () => {
  test("create, read, list, update and delete", async () => {
    const slug = uniqueSlug("crud");
    const created = await api.post<Organization>("/api/v1/organizations", { name: "Acme", slug, domains: ["Acme.com"] });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toEqual({ id: expect.stringMatching(/^org_/), slug, name: "Acme", domains: ["acme.com"], support_contact: null, created_at: expect.any(String), updated_at: expect.any(String) });
    const id = created.body.id;

    const duplicate = await api.post("/api/v1/organizations", { name: "Acme again", slug });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ error: { code: "conflict", fields: { slug: expect.stringContaining("already exists") } } });

    expect((await api.get(`/api/v1/organizations/${id}`)).body).toMatchObject({ id, slug });
    const updated = await api.patch<Organization>(`/api/v1/organizations/${id}`, { name: "Acme Corp", domains: ["acme.com", "acme.io"] });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body).toMatchObject({ id, slug, name: "Acme Corp", domains: ["acme.com", "acme.io"], support_contact: null });
    // The contact named on its expired setup links: an email or web address, nothing a page could run; null removes it.
    const contact = await api.patch<Organization>(`/api/v1/organizations/${id}`, { support_contact: "https://help.acme.example/it" });
    expect(contact.body).toMatchObject({ name: "Acme Corp", support_contact: "https://help.acme.example/it" });
    const script = await api.patch(`/api/v1/organizations/${id}`, { support_contact: "javascript:alert(1)" });
    expect(script.status).toBe(400);
    expect(script.body).toMatchObject({ error: { fields: { support_contact: "must be an email address or an http(s) web address" } } });
    expect((await api.get<Organization>(`/api/v1/organizations/${id}`)).body).toMatchObject({ support_contact: "https://help.acme.example/it" });
    expect((await api.patch<Organization>(`/api/v1/organizations/${id}`, { support_contact: null })).body).toMatchObject({ support_contact: null });

    const { items } = await collect<Organization>(api, "/api/v1/organizations", 200);
    expect(items.filter((o) => o.id === id)).toHaveLength(1);
    // Pages follow one another without repeats.
    expect(new Set(items.map((o) => o.id)).size).toBe(items.length);

    expect((await api.delete(`/api/v1/organizations/${id}`)).status).toBe(204);
    expect((await api.get(`/api/v1/organizations/${id}`)).status).toBe(404);
    expect((await api.delete(`/api/v1/organizations/${id}`)).status).toBe(404);
  });

  test("paginates with limit and after", async () => {
    for (let i = 0; i < 3; i++) await createOrganization(api, "paging");
    const first = await api.get<{ data: Organization[]; next_cursor: string }>("/api/v1/organizations?limit=2");
    expect(first.body.data).toHaveLength(2);
    expect(first.body.next_cursor).toBe(first.body.data[1]!.id);
    const second = await api.get<{ data: Organization[] }>(`/api/v1/organizations?limit=2&after=${first.body.next_cursor}`);
    expect(second.body.data[0]!.id > first.body.data[1]!.id).toBe(true);
  });

  test("an organization's key sees only its own organization and cannot create one", async () => {
    const own = await createOrganization(api, "scoped");
    await createOrganization(api, "other");
    const scoped = apiClient((await createOrgKey(own.slug)).key);
    const list = await scoped.get<{ data: Organization[]; next_cursor: null }>("/api/v1/organizations");
    expect(list.body).toEqual({ data: [expect.objectContaining({ id: own.id })], next_cursor: null });
    const create = await scoped.post("/api/v1/organizations", { name: "Mine", slug: uniqueSlug("mine") });
    expect(create.status, create.text).toBe(403);
    expect(create.body).toMatchObject({ error: { code: "forbidden" } });
    const rename = await scoped.patch(`/api/v1/organizations/${own.id}`, { name: "Renamed by its key" });
    expect(rename.status, rename.text).toBe(200);
  });
});

test.describe("/api/v1/directories", () => {
  test("create answers a working SCIM base URL and token, once", async () => {
    const org = await createOrganization(api);
    const res = await api.post<Directory & { token: string }>("/api/v1/directories", { organization_id: org.id, provider: "entra", sync_mode: "deprovision-only", name: "Entra" });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^dir_/), organization_id: org.id, name: "Entra", provider: "entra", sync_mode: "deprovision-only", status: "pending",
      scim_base_url: expect.stringMatching(new RegExp(`/scim/v2/${res.body.id}$`)), token: expect.stringMatching(/^rc_scim_/), created_at: expect.any(String), updated_at: expect.any(String),
      // A directory that is pushed to over SCIM: the pull fields (issue 14) stay empty.
      source: "scim", last_sync_at: null, next_sync_at: null, last_sync_outcome: null, sync_problem: null,
    });
    expect((await scim(res.body, res.body.token).get("/Users")).status).toBe(200);

    const detail = await api.get<Directory>(`/api/v1/directories/${res.body.id}`);
    expect(detail.body.tokens).toEqual([{ prefix: res.body.token.slice(0, 14), created_at: expect.any(String), last_used_at: expect.any(String), expires_at: null }]);
    expect(detail.text).not.toContain(res.body.token);
  });

  test("create checks its input field by field", async () => {
    const res = await api.post("/api/v1/directories", { provider: "ping", sync_mode: "sometimes" });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { fields: { provider: "must be one of entra, okta, google, onelogin, jumpcloud, generic", sync_mode: "must be full or deprovision-only" } } });
    const noOrg = await api.post("/api/v1/directories", { provider: "okta" });
    expect(noOrg.status).toBe(400);
    expect(noOrg.body).toMatchObject({ error: { fields: { organization_id: "is required with a global API key" } } });
    const missingOrg = await api.post("/api/v1/directories", { provider: "okta", organization_id: "org_missing" });
    expect(missingOrg.status).toBe(404);
  });

  test("list by organization, update and delete", async () => {
    const org = await createOrganization(api);
    const a = await createDirectory(api, org.id);
    const b = await createDirectory(api, org.id);
    await createDirectory(api, (await createOrganization(api)).id);
    const list = await api.get<{ data: Directory[] }>(`/api/v1/directories?organization=${org.id}`);
    expect(list.body.data.map((d) => d.id)).toEqual([a.id, b.id]);

    const updated = await api.patch<Directory>(`/api/v1/directories/${a.id}`, { name: "Renamed", sync_mode: "deprovision-only" });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body).toMatchObject({ id: a.id, name: "Renamed", sync_mode: "deprovision-only" });
    expect((await api.patch(`/api/v1/directories/${a.id}`, { sync_mode: "half" })).body).toMatchObject({ error: { fields: { sync_mode: "must be full or deprovision-only" } } });

    expect((await api.delete(`/api/v1/directories/${a.id}`)).status).toBe(204);
    expect((await api.get(`/api/v1/directories/${a.id}`)).status).toBe(404);
    expect((await scim(a, a.token).get("/Users")).status).toBe(401);
  });

  test("POST /tokens rotates with a grace period; DELETE /tokens revokes one by prefix, or all", async () => {
    const dir = await createDirectory(api, (await createOrganization(api)).id);
    const rotated = await api.post<{ directory_id: string; token: string; prefix: string; previous_tokens_expire_at: string }>(`/api/v1/directories/${dir.id}/tokens`, { grace: "1h" });
    expect(rotated.status, rotated.text).toBe(201);
    expect(rotated.body).toMatchObject({ directory_id: dir.id, token: expect.stringMatching(/^rc_scim_/), prefix: rotated.body.token.slice(0, 14) });
    const graceLeft = new Date(rotated.body.previous_tokens_expire_at).getTime() - Date.now();
    expect(graceLeft).toBeGreaterThan(59 * 60_000);
    expect(graceLeft).toBeLessThanOrEqual(60 * 60_000);
    expect((await scim(dir, dir.token).get("/Users")).status).toBe(200);
    expect((await scim(dir, rotated.body.token).get("/Users")).status).toBe(200);

    // A second rotation without grace keeps the hour promised to the first token (issue 15)...
    const kept = await api.post<{ token: string }>(`/api/v1/directories/${dir.id}/tokens`, { grace: 0 });
    expect(kept.status, kept.text).toBe(201);
    expect((await scim(dir, dir.token).get("/Users")).status).toBe(200);
    expect((await scim(dir, rotated.body.token).get("/Users")).status).toBe(401);
    // ...unless the caller says to shorten it.
    const immediate = await api.post<{ token: string }>(`/api/v1/directories/${dir.id}/tokens`, { grace: 0, shorten_promised_grace: true });
    expect(immediate.status, immediate.text).toBe(201);
    expect((await scim(dir, dir.token).get("/Users")).status).toBe(401);
    expect((await scim(dir, kept.body.token).get("/Users")).status).toBe(401);
    expect((await scim(dir, rotated.body.token).get("/Users")).status).toBe(401);
    expect((await scim(dir, immediate.body.token).get("/Users")).status).toBe(200);

    expect((await api.post(`/api/v1/directories/${dir.id}/tokens`, { grace: "soon" })).body).toMatchObject({ error: { fields: { grace: expect.stringContaining("duration") } } });
    expect((await api.post(`/api/v1/directories/${dir.id}/tokens`, { shorten_promised_grace: "yes" })).body).toMatchObject({ error: { fields: { shorten_promised_grace: "must be true or false" } } });

    const another = await api.post<{ token: string; prefix: string }>(`/api/v1/directories/${dir.id}/tokens`, { grace: "1h" });
    const one = await api.delete(`/api/v1/directories/${dir.id}/tokens?prefix=${encodeURIComponent(another.body.prefix)}`);
    expect(one.body).toEqual({ directory_id: dir.id, revoked: 1 });
    expect((await scim(dir, another.body.token).get("/Users")).status).toBe(401);
    expect((await scim(dir, immediate.body.token).get("/Users")).status).toBe(200);
    expect((await api.delete(`/api/v1/directories/${dir.id}/tokens?prefix=rc_scim_nomatch`)).status).toBe(404);

    // Only tokens that still work count: here `immediate`, in its grace period; the others had already stopped.
    const all = await api.delete<{ directory_id: string; revoked: number }>(`/api/v1/directories/${dir.id}/tokens`);
    expect(all.body).toEqual({ directory_id: dir.id, revoked: 1 });
    expect((await scim(dir, immediate.body.token).get("/Users")).status).toBe(401);
  });

  test("an organization's key creates directories in its own organization", async () => {
    const org = await createOrganization(api);
    const scoped = apiClient((await createOrgKey(org.slug)).key);
    const res = await scoped.post<Directory>("/api/v1/directories", { provider: "google" });
    expect(res.status, res.text).toBe(201);
    expect(res.body.organization_id).toBe(org.id);
    const list = await scoped.get<{ data: Directory[] }>("/api/v1/directories");
    expect(list.body.data.map((d) => d.id)).toEqual([res.body.id]);
  });
});
