import { newId } from "../../lib/ids";
import { expect, test } from "../fixtures";
import { sql } from "../support/db";
import { scimClient, userBody } from "../support/scim";
import { apiClient, createDirectory, createGlobalKey, createOrganization, createOrgKey, type ApiClient, type CreatedDirectory, type Organization } from "./api-client";

type Event = { id: string; type: string; organization_id: string; directory_id: string | null; data: Record<string, unknown> };
type Endpoint = { id: string; organization_id: string | null; url: string; event_types: string[]; secret_prefix: string; secret?: string };
type Delivery = { id: string; endpoint_id: string; event_id: string; status: string; attempts: number; attempt_log: unknown[] };

let api: ApiClient;
let org: Organization;
let dir: CreatedDirectory;
let scoped: ApiClient;
let other: Organization;

test.beforeAll(async () => {
  api = apiClient((await createGlobalKey()).key);
  org = await createOrganization(api, "events");
  other = await createOrganization(api, "events-other");
  dir = await createDirectory(api, org.id);
  await createDirectory(api, other.id);
  scoped = apiClient((await createOrgKey(org.slug)).key);
  const client = scimClient({ scimBaseUrl: dir.scim_base_url, token: dir.token });
  const created = await client.post("/Users", userBody("feed@example.com"));
  if (created.status !== 201) throw new Error(`SCIM create: ${created.status} ${created.text}`);
});

/** Reads the feed from the start for one organisation until `want` events of `types` have come (the feed lags running transactions). */
async function readFeed(client: ApiClient, query: string, want: number): Promise<Event[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const events: Event[] = [];
    let after = "";
    for (let page = 0; page < 50; page++) {
      const res = await client.get<{ data: Event[]; next_cursor: string }>(`/api/v1/events?${query}&limit=100${after ? `&after=${after}` : ""}`);
      expect(res.status, res.text).toBe(200);
      events.push(...res.body.data);
      after = res.body.next_cursor;
      if (res.body.data.length < 100) break;
    }
    if (events.length >= want || Date.now() > deadline) return events;
    await new Promise((r) => setTimeout(r, 200));
  }
}

test.describe("GET /api/v1/events", () => {
  test("reads an organization's events in order, filtered by type", async () => {
    const events = await readFeed(api, `organization=${org.id}&types=dsync.user.created`, 1);
    expect(events).toEqual([expect.objectContaining({ id: expect.stringMatching(/^evt_/), type: "dsync.user.created", organization_id: org.id, directory_id: dir.id })]);
    const all = await readFeed(api, `organization=${org.id}`, 2);
    expect(all.map((e) => e.type)).toEqual(expect.arrayContaining(["dsync.user.created"]));
    expect(all.every((e) => e.organization_id === org.id)).toBe(true);
  });

  test("an organization's key reads only its own organization's events", async () => {
    const events = await readFeed(scoped, "types=dsync.user.created,dsync.activated", 1);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.organization_id === org.id)).toBe(true);
    expect((await scoped.get(`/api/v1/events?organization=${other.id}`)).status).toBe(404);
  });

  test("checks types and cursors", async () => {
    const res = await api.get("/api/v1/events?types=dsync.user.created,user.exploded");
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { fields: { "types.1": expect.stringContaining("must list known event types") } } });
  });
});

test.describe("/api/v1/webhook-endpoints", () => {
  test("create answers the secret once; list and delete", async () => {
    const created = await api.post<Endpoint>("/api/v1/webhook-endpoints", { url: "https://hooks.example.com/rollcall", organization_id: org.id, event_types: ["dsync.user.created"] });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^whk_/), organization_id: org.id, url: "https://hooks.example.com/rollcall", event_types: ["dsync.user.created"], secret: expect.stringMatching(/^whsec_/) });
    expect(created.body.secret!.startsWith(created.body.secret_prefix)).toBe(true);

    const list = await api.get<{ data: Endpoint[] }>(`/api/v1/webhook-endpoints?organization=${org.id}`);
    expect(list.body.data.map((e) => e.id)).toContain(created.body.id);
    expect(list.text).not.toContain(created.body.secret!);

    expect((await api.delete(`/api/v1/webhook-endpoints/${created.body.id}`)).status).toBe(204);
    expect((await api.delete(`/api/v1/webhook-endpoints/${created.body.id}`)).status).toBe(404);
  });

  test("a global key makes global endpoints; an organization's key only its own", async () => {
    const global = await api.post<Endpoint>("/api/v1/webhook-endpoints", { url: "https://hooks.example.com/all" });
    expect(global.status, global.text).toBe(201);
    expect(global.body.organization_id).toBeNull();

    const own = await scoped.post<Endpoint>("/api/v1/webhook-endpoints", { url: "https://hooks.example.com/own" });
    expect(own.status, own.text).toBe(201);
    expect(own.body.organization_id).toBe(org.id);
    expect((await scoped.post("/api/v1/webhook-endpoints", { url: "https://hooks.example.com/x", organization_id: null })).status).toBe(403);
    expect((await scoped.post("/api/v1/webhook-endpoints", { url: "https://hooks.example.com/x", organization_id: other.id })).status).toBe(404);

    const seen = await scoped.get<{ data: Endpoint[] }>("/api/v1/webhook-endpoints");
    expect(seen.body.data.map((e) => e.id)).toEqual([own.body.id]);
    expect((await scoped.delete(`/api/v1/webhook-endpoints/${global.body.id}`)).status).toBe(404);
    expect((await api.delete(`/api/v1/webhook-endpoints/${global.body.id}`)).status).toBe(204);
  });

  test("checks the URL and the event types", async () => {
    const res = await api.post("/api/v1/webhook-endpoints", { url: "ftp://hooks.example.com", organization_id: org.id, event_types: ["dsync.user.created", "nope"] });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { fields: { url: "must be an absolute http:// or https:// URL", "event_types.1": "must be a known event type" } } });
  });
});

test.describe("/api/v1/webhook-deliveries", () => {
  test("lists deliveries with their attempts and redelivers one", async () => {
    const endpoint = (await api.post<Endpoint>("/api/v1/webhook-endpoints", { url: "https://hooks.example.com/deliveries", organization_id: org.id })).body;
    const [event] = await sql<{ id: string }>(`SELECT id FROM "Event" WHERE "organizationId" = $1 ORDER BY seq LIMIT 1`, [org.id]);
    const id = newId("dlv");
    // A delivery that gave up, as the worker would leave it.
    await sql(`INSERT INTO "WebhookDelivery" (id, "endpointId", "eventId", "organizationId", status, attempts, "lastAttemptAt") VALUES ($1, $2, $3, $4, 'dead', 3, now())`, [id, endpoint.id, event!.id, org.id]);

    const list = await api.get<{ data: Delivery[] }>(`/api/v1/webhook-deliveries?endpoint=${endpoint.id}`);
    expect(list.status, list.text).toBe(200);
    expect(list.body.data).toEqual([expect.objectContaining({ id, endpoint_id: endpoint.id, event_id: event!.id, status: "dead", attempts: 3, attempt_log: [] })]);
    expect((await api.get<{ data: Delivery[] }>(`/api/v1/webhook-deliveries?endpoint=${endpoint.id}&status=succeeded`)).body.data).toEqual([]);

    const redelivered = await scoped.post<Delivery>(`/api/v1/webhook-deliveries/${id}/redeliver`);
    expect(redelivered.status, redelivered.text).toBe(202);
    expect(redelivered.body).toMatchObject({ id, status: "pending" });
    expect((await api.post("/api/v1/webhook-deliveries/dlv_missing/redeliver")).status).toBe(404);
  });
});
