import { newId } from "../../lib/ids";
import { expect, test } from "../fixtures";
import { sql } from "../support/db";
import { GROUP_URN, scimClient, userBody } from "../support/scim";
import { apiClient, createDirectory, createGlobalKey, createOrganization, createOrgKey, type ApiClient, type CreatedDirectory, type Organization } from "./api-client";

/** Everything one organisation owns, made through the API and SCIM (and a delivery row as the worker would write it). */
type Tenant = {
  org: Organization;
  key: ApiClient;
  dir: CreatedDirectory;
  userId: string;
  groupId: string;
  accountId: string;
  sessionId: string;
  sessionToken: string;
  endpointId: string;
  deliveryId: string;
  logId: string;
  /** Every account of the organisation: the manual one, and the one SCIM provisioning made for the user. */
  accountIds: string[];
};

async function tenant(admin: ApiClient, label: string): Promise<Tenant> {
  const org = await createOrganization(admin, label);
  const key = apiClient((await createOrgKey(org.slug)).key);
  const dir = await createDirectory(key, org.id);
  const client = scimClient({ scimBaseUrl: dir.scim_base_url, token: dir.token });
  const user = await client.post("/Users", userBody(`${label}@example.com`));
  const group = await client.post("/Groups", { schemas: [GROUP_URN], displayName: `${label} team`, members: [{ value: user.body!.id }] });
  if (user.status !== 201 || group.status !== 201) throw new Error(`SCIM setup of ${label}: ${user.text} ${group.text}`);
  const account = (await key.post<{ id: string }>(`/api/v1/organizations/${org.id}/accounts`, { email: `manual-${label}@example.com` })).body;
  const session = (await key.post<{ id: string; token: string }>(`/api/v1/accounts/${account.id}/sessions`, {})).body;
  const endpoint = (await key.post<{ id: string }>("/api/v1/webhook-endpoints", { url: `https://hooks.example.com/${label}` })).body;
  const [event] = await sql<{ id: string }>(`SELECT id FROM "Event" WHERE "organizationId" = $1 ORDER BY seq LIMIT 1`, [org.id]);
  const deliveryId = newId("dlv");
  await sql(`INSERT INTO "WebhookDelivery" (id, "endpointId", "eventId", "organizationId", status, attempts) VALUES ($1, $2, $3, $4, 'dead', 1)`, [deliveryId, endpoint.id, event!.id, org.id]);
  const log = (await key.get<{ data: { id: string }[] }>(`/api/v1/sync-log?directory=${dir.id}&limit=1`)).body.data[0]!;
  const accounts = (await key.get<{ data: { id: string }[] }>(`/api/v1/organizations/${org.id}/accounts`)).body.data;
  return {
    org, key, dir, userId: String(user.body!.id), groupId: String(group.body!.id), accountId: account.id, sessionId: session.id, sessionToken: session.token,
    endpointId: endpoint.id, deliveryId, logId: log.id, accountIds: accounts.map((x) => x.id),
  };
}

/** Every way to reach `b`'s resources by id: each must be 404 for another organisation's key. */
function requestsFor(b: Tenant): [string, string, unknown?][] {
  return [
    ["GET", `/api/v1/organizations/${b.org.id}`],
    ["PATCH", `/api/v1/organizations/${b.org.id}`, { name: "Taken over" }],
    ["DELETE", `/api/v1/organizations/${b.org.id}`],
    ["GET", `/api/v1/organizations/${b.org.id}/accounts`],
    ["POST", `/api/v1/organizations/${b.org.id}/accounts`, { email: "intruder@example.com" }],
    ["GET", `/api/v1/organizations/${b.org.id}/sso-connection`],
    ["PUT", `/api/v1/organizations/${b.org.id}/sso-connection`, { protocol: "oidc", issuer: "https://evil.example.com", client_id: "x", client_secret: "y" }],
    ["DELETE", `/api/v1/organizations/${b.org.id}/sso-connection`],
    ["GET", `/api/v1/directories/${b.dir.id}`],
    ["PATCH", `/api/v1/directories/${b.dir.id}`, { name: "Taken over" }],
    ["DELETE", `/api/v1/directories/${b.dir.id}`],
    ["POST", `/api/v1/directories/${b.dir.id}/tokens`, { grace: 0 }],
    ["DELETE", `/api/v1/directories/${b.dir.id}/tokens`],
    ["GET", `/api/v1/directories/${b.dir.id}/users`],
    ["GET", `/api/v1/directories/${b.dir.id}/users/${b.userId}`],
    ["GET", `/api/v1/directories/${b.dir.id}/groups`],
    ["GET", `/api/v1/directories/${b.dir.id}/groups/${b.groupId}`],
    ["POST", "/api/v1/directories", { organization_id: b.org.id, provider: "okta" }],
    ["GET", `/api/v1/accounts/${b.accountId}`],
    ["GET", `/api/v1/accounts/${b.accountId}/sessions`],
    ["POST", `/api/v1/accounts/${b.accountId}/sessions`, {}],
    ["DELETE", `/api/v1/sessions/${b.sessionId}`],
    ["GET", `/api/v1/sync-log?directory=${b.dir.id}`],
    ["GET", `/api/v1/sync-log?organization=${b.org.id}`],
    ["GET", `/api/v1/sync-log/stream?directory=${b.dir.id}`],
    ["GET", `/api/v1/events?organization=${b.org.id}`],
    ["GET", `/api/v1/directories?organization=${b.org.id}`],
    ["GET", `/api/v1/webhook-endpoints?organization=${b.org.id}`],
    ["POST", "/api/v1/webhook-endpoints", { url: "https://evil.example.com", organization_id: b.org.id }],
    ["DELETE", `/api/v1/webhook-endpoints/${b.endpointId}`],
    ["POST", `/api/v1/webhook-deliveries/${b.deliveryId}/redeliver`],
  ];
}

let a: Tenant;
let b: Tenant;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const admin = apiClient((await createGlobalKey("e2e tenancy")).key);
  a = await tenant(admin, `tenant-a-${Date.now().toString(36)}`);
  b = await tenant(admin, `tenant-b-${Date.now().toString(36)}`);
});

test.describe("management API tenancy: organization-scoped keys", () => {
  test("every one of organization B's resources is 404 to organization A's key, never 403", async () => {
    for (const [method, path, body] of requestsFor(b)) {
      const res = await a.key.request(method, path, body);
      expect(res.status, `${method} ${path}: ${res.text}`).toBe(404);
      expect(res.body, `${method} ${path}`).toMatchObject({ error: { code: "not_found" } });
    }
  });

  test("and the same the other way round", async () => {
    for (const [method, path, body] of requestsFor(a)) {
      const res = await b.key.request(method, path, body);
      expect(res.status, `${method} ${path}: ${res.text}`).toBe(404);
    }
  });

  test("A's resource paths do not reach B's ids either", async () => {
    for (const path of [`/api/v1/directories/${a.dir.id}/users/${b.userId}`, `/api/v1/directories/${a.dir.id}/groups/${b.groupId}`]) {
      expect((await a.key.get(path)).status, path).toBe(404);
    }
    expect((await a.key.get<{ data: unknown[] }>(`/api/v1/directories/${a.dir.id}/users?group=${b.groupId}`)).body.data).toEqual([]);
  });

  test("A's lists never include B's rows", async () => {
    const lists = ["/api/v1/organizations", "/api/v1/directories", "/api/v1/sync-log?limit=200", "/api/v1/events?limit=1000", "/api/v1/webhook-endpoints", "/api/v1/webhook-deliveries?limit=200"];
    for (const path of lists) {
      const res = await a.key.get<{ data: { id: string; organization_id?: string }[] }>(path);
      expect(res.status, `${path}: ${res.text}`).toBe(200);
      expect(res.body.data.length, path).toBeGreaterThan(0);
      for (const row of res.body.data) expect(row.organization_id ?? row.id, `${path}: ${row.id}`).toBe(a.org.id);
      expect(res.text, path).not.toContain(b.org.id);
    }
    expect((await a.key.get<{ data: unknown[] }>(`/api/v1/sync-log?q=${encodeURIComponent(b.org.slug)}`)).body.data).toEqual([]);
  });

  test("A's key cannot verify B's session token: it is unknown", async () => {
    expect((await a.key.post("/api/v1/sessions/verify", { token: b.sessionToken })).body).toEqual({ valid: false, reason: "unknown" });
    expect((await b.key.post("/api/v1/sessions/verify", { token: b.sessionToken })).body).toMatchObject({ valid: true });
  });

  test("after all that, nothing of B has changed", async () => {
    expect((await b.key.get(`/api/v1/organizations/${b.org.id}`)).body).toMatchObject({ name: b.org.name });
    expect((await b.key.get(`/api/v1/directories/${b.dir.id}`)).body).toMatchObject({ name: expect.not.stringMatching(/Taken over/) });
    expect((await scimClient({ scimBaseUrl: b.dir.scim_base_url, token: b.dir.token }).get("/Users")).status).toBe(200);
    expect((await b.key.get<{ data: { id: string }[] }>(`/api/v1/organizations/${b.org.id}/accounts`)).body.data.map((x) => x.id)).toEqual(b.accountIds);
    expect((await b.key.get<{ data: { id: string; status: string }[] }>(`/api/v1/accounts/${b.accountId}/sessions`)).body.data).toEqual([expect.objectContaining({ id: b.sessionId, status: "active" })]);
    expect((await b.key.get<{ data: { id: string }[] }>("/api/v1/webhook-endpoints")).body.data.map((x) => x.id)).toEqual([b.endpointId]);
    const [delivery] = await sql<{ status: string }>(`SELECT status::text FROM "WebhookDelivery" WHERE id = $1`, [b.deliveryId]);
    expect(delivery!.status).toBe("dead");
    expect((await b.key.get<{ data: { id: string }[] }>(`/api/v1/sync-log?directory=${b.dir.id}`)).body.data.map((x) => x.id)).toContain(b.logId);
  });
});
