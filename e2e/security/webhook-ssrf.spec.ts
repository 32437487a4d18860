// Issue 12, item 1: webhook SSRF. An organisation's API key must not make Rollcall's worker reach this
// machine or its private network, nor read back what answers there. A loopback listener stands in for an
// internal service (Elasticsearch on 127.0.0.1:9200, a metadata service): it must receive nothing from an
// organisation's endpoint. The operator's global key may still target it: Rollcall usually runs beside the
// host product on a private network.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "../fixtures";
import { sql } from "../support/db";
import { scimClient, userBody } from "../support/scim";
import { apiClient, createDirectory, createGlobalKey, createOrganization, createOrgKey, type ApiClient, type CreatedDirectory, type Organization } from "../api/api-client";

type Endpoint = { id: string; organization_id: string | null; url: string };
type Attempt = { status_code: number | null; error: string | null; response_excerpt: string | null };
type Delivery = { id: string; endpoint_id: string; status: string; attempt_log: Attempt[] };

let global: ApiClient;
let scoped: ApiClient;
let org: Organization;
let dir: CreatedDirectory;
let internal: { port: number; hits: string[]; close: () => void };

test.beforeAll(async () => {
  global = apiClient((await createGlobalKey("ssrf operator")).key);
  org = await createOrganization(global, "ssrf");
  dir = await createDirectory(global, org.id);
  scoped = apiClient((await createOrgKey(org.slug)).key);
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { "Content-Type": "application/json" }).end('{"cluster_name":"internal-secrets"}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  internal = { port: (server.address() as AddressInfo).port, hits, close: () => server.close() };
});
test.afterAll(() => internal.close());

async function createUser(label: string) {
  const res = await scimClient({ scimBaseUrl: dir.scim_base_url, token: dir.token }).post("/Users", userBody(`${label}-${Date.now()}@ssrf.example`));
  expect(res.status, res.text).toBe(201);
}

test.describe("POST /api/v1/webhook-endpoints with an organization's key", () => {
  for (const target of [
    (port: number) => `http://127.0.0.1:${port}/`,
    (port: number) => `http://localhost:${port}/`,
    (port: number) => `http://[::1]:${port}/`,
    (port: number) => `http://[::ffff:127.0.0.1]:${port}/`,
    (port: number) => `http://0.0.0.0:${port}/`,
    () => "http://169.254.169.254/latest/meta-data/",
    () => "http://10.0.0.7:9200/_search",
    () => "http://192.168.1.1/",
    () => "http://100.64.0.1/",
    () => "http://[fd00::1]/",
    () => "http://[fe80::1]/",
  ]) {
    const url = target(0).replace(":0/", ":PORT/");
    test(`refuses ${url}`, async () => {
      const res = await scoped.post("/api/v1/webhook-endpoints", { url: url.replace("PORT", String(internal.port)) });
      expect(res.status, res.text).toBe(400);
      expect(res.body).toMatchObject({ error: { fields: { url: expect.stringMatching(/public internet address/) } } });
    });
  }
});

test("an organisation's endpoint whose address now leads to loopback is never connected to, and says why", async () => {
  // Registered while its name led somewhere public; then the name was re-pointed at this machine (DNS
  // rebinding). Re-pointing is simulated by changing the stored URL: the worker must judge the address it
  // connects to at delivery, not what was checked at registration.
  const created = await scoped.post<Endpoint>("/api/v1/webhook-endpoints", { url: "https://hooks.ssrf-customer.example/rollcall" });
  expect(created.status, created.text).toBe(201);
  await sql(`UPDATE "WebhookEndpoint" SET url = $2 WHERE id = $1`, [created.body.id, `http://localhost:${internal.port}/_cluster/settings`]);
  const before = internal.hits.length;
  await createUser("rebind");

  let delivery: Delivery | undefined;
  await expect
    .poll(
      async () => {
        const list = await scoped.get<{ data: Delivery[] }>(`/api/v1/webhook-deliveries?endpoint=${created.body.id}`);
        delivery = list.body.data.find((d) => d.attempt_log.length > 0);
        return delivery?.attempt_log[0]?.error ?? null;
      },
      { timeout: 20_000 },
    )
    .toMatch(/^refused: localhost resolves to (127\.0\.0\.1|::1), which is not a public address/);
  expect(delivery!.attempt_log[0]).toMatchObject({ status_code: null, response_excerpt: null });
  // Give any stray connection time to arrive.
  await new Promise((r) => setTimeout(r, 500));
  expect(internal.hits.slice(before)).toEqual([]);
});

test("the operator's global key may target loopback; an organisation's key never sees, nor redelivers, those deliveries", async () => {
  const operatorEndpoint = await global.post<Endpoint>("/api/v1/webhook-endpoints", { url: `http://127.0.0.1:${internal.port}/host-product`, event_types: ["dsync.user.created"] });
  expect(operatorEndpoint.status, operatorEndpoint.text).toBe(201);
  try {
    const before = internal.hits.length;
    await createUser("operator");
    await expect.poll(() => internal.hits.slice(before).filter((h) => h === "POST /host-product").length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);

    // The operator sees the attempt and the internal service's answer...
    let operatorDelivery: Delivery | undefined;
    await expect
      .poll(async () => {
        const list = await global.get<{ data: Delivery[] }>(`/api/v1/webhook-deliveries?endpoint=${operatorEndpoint.body.id}`);
        operatorDelivery = list.body.data.find((d) => d.status === "succeeded");
        return operatorDelivery?.attempt_log[0]?.response_excerpt ?? null;
      }, { timeout: 20_000 })
      .toContain("internal-secrets");

    // ...the organisation's key, whose events they are, does not.
    const mine = await scoped.get<{ data: Delivery[] }>("/api/v1/webhook-deliveries?limit=200");
    expect(mine.status, mine.text).toBe(200);
    expect(mine.body.data.map((d) => d.endpoint_id)).not.toContain(operatorEndpoint.body.id);
    expect(mine.text).not.toContain("internal-secrets");
    expect((await scoped.get<{ data: Delivery[] }>(`/api/v1/webhook-deliveries?endpoint=${operatorEndpoint.body.id}`)).body.data).toEqual([]);
    const redeliver = await scoped.post(`/api/v1/webhook-deliveries/${operatorDelivery!.id}/redeliver`);
    expect(redeliver.status, redeliver.text).toBe(404);
    expect((await sql<{ status: string }>(`SELECT status::text FROM "WebhookDelivery" WHERE id = $1`, [operatorDelivery!.id]))[0]!.status).toBe("succeeded");
  } finally {
    await global.delete(`/api/v1/webhook-endpoints/${operatorEndpoint.body.id}`);
  }
});
