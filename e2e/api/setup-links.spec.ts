import { expect, test } from "../fixtures";
import { sql } from "../support/db";
import { apiClient, createGlobalKey, createOrganization, createOrgKey, type ApiClient, type Page } from "./api-client";

type SetupLink = { id: string; organization_id: string; prefix: string; intent: string; status: string; created_by: string; expires_at: string; url?: string };

let admin: ApiClient;
test.beforeAll(async () => {
  admin = apiClient((await createGlobalKey("setup links")).key);
});

test.describe("/api/v1/organizations/{id}/setup-links", () => {
  test("POST issues a link whose URL is answered once; GET lists it without the URL; DELETE revokes it", async () => {
    const org = await createOrganization(admin, "links");
    const created = await admin.post<SetupLink>(`/api/v1/organizations/${org.id}/setup-links`, { intent: "dsync", expires_in: "3d" });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ organization_id: org.id, intent: "dsync", status: "active", created_by: expect.stringMatching(/^api:key_/) });
    expect(created.body.url).toMatch(/\/setup\/rc_setup_[A-Za-z0-9_-]{43}$/);
    const days = (Date.parse(created.body.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(2.99);
    expect(days).toBeLessThanOrEqual(3);
    const token = created.body.url!.split("/").pop()!;
    expect(JSON.stringify(await sql(`SELECT * FROM "SetupLink" WHERE "organizationId" = $1`, [org.id]))).not.toContain(token.slice(9));

    const listed = await admin.get<Page<SetupLink>>(`/api/v1/organizations/${org.id}/setup-links`);
    expect(listed.status).toBe(200);
    expect(listed.body.data).toEqual([expect.objectContaining({ id: created.body.id, status: "active" })]);
    expect(listed.text).not.toContain(token);

    const revoked = await admin.delete<SetupLink>(`/api/v1/organizations/${org.id}/setup-links/${created.body.id}`);
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.body.status).toBe("revoked");
    expect((await admin.delete(`/api/v1/organizations/${org.id}/setup-links/${created.body.id}`)).status).toBe(200);
    expect((await admin.get<Page<SetupLink>>(`/api/v1/organizations/${org.id}/setup-links`)).body.data[0]!.status).toBe("revoked");
  });

  test("bad input gets field-level errors and issues nothing", async () => {
    const org = await createOrganization(admin, "links-bad");
    for (const [body, field, message] of [
      [{ expires_in: "90d" }, "expires_in", "must be at most 30d: a setup link is a credential"],
      [{ expires_in: "tomorrow" }, "expires_in", 'must be a duration such as 7d, 48h or 30m (got "tomorrow")'],
      [{ intent: "scim" }, "intent", "must be sso, dsync or all"],
      [{ intent: "sso", extra: 1 }, "extra", expect.any(String)],
    ] as const) {
      const res = await admin.post(`/api/v1/organizations/${org.id}/setup-links`, body);
      expect(res.status, res.text).toBe(400);
      expect(res.body).toMatchObject({ error: { fields: { [field]: message } } });
    }
    expect(await sql(`SELECT 1 FROM "SetupLink" WHERE "organizationId" = $1`, [org.id])).toHaveLength(0);
  });

  test("an organisation's key gets 404 for another organisation's links, and changes nothing there", async () => {
    const a = await createOrganization(admin, "links-a");
    const b = await createOrganization(admin, "links-b");
    const keyA = apiClient((await createOrgKey(a.slug)).key);
    await new Promise((r) => setTimeout(r, 50));
    const linkB = (await admin.post<SetupLink>(`/api/v1/organizations/${b.id}/setup-links`, {})).body;

    expect((await keyA.get(`/api/v1/organizations/${b.id}/setup-links`)).status).toBe(404);
    expect((await keyA.post(`/api/v1/organizations/${b.id}/setup-links`, {})).status).toBe(404);
    expect((await keyA.delete(`/api/v1/organizations/${b.id}/setup-links/${linkB.id}`)).status).toBe(404);
    // Naming its own organisation with the other's link id is "not found" too.
    expect((await keyA.delete(`/api/v1/organizations/${a.id}/setup-links/${linkB.id}`)).status).toBe(404);
    const own = await keyA.post<SetupLink>(`/api/v1/organizations/${a.id}/setup-links`, { intent: "sso" });
    expect(own.status).toBe(201);

    const rows = await sql<{ organizationId: string; revokedAt: Date | null }>(`SELECT "organizationId", "revokedAt" FROM "SetupLink" WHERE "organizationId" IN ($1, $2) ORDER BY "createdAt"`, [a.id, b.id]);
    expect(rows).toEqual([{ organizationId: b.id, revokedAt: null }, { organizationId: a.id, revokedAt: null }]);
  });
});
