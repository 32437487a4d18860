import { randomBytes } from "node:crypto";
import { runMigrations } from "graphile-worker";
import { beforeAll, describe, expect, it } from "vitest";
import { sql, transaction } from "@/lib/db/sql";
import { createOrganization } from "@/lib/organizations/create-organization";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { dispatchEvents } from "@/lib/worker/dispatch-events";
import { createWebhookEndpoint } from "./create-webhook-endpoint";
import { deleteWebhookEndpoint } from "./delete-webhook-endpoint";
import { listWebhookDeliveries } from "./list-webhook-deliveries";
import { listWebhookEndpoints } from "./list-webhook-endpoints";
import { recordEvent, type EventType } from "./record-event";
import { redeliverWebhookDelivery } from "./redeliver-webhook-delivery";
import { openSecret } from "./secret-box";

// Endpoint secrets are sealed with this key, not one written into the checkout's .data/.
process.env.SECRET_KEY ??= randomBytes(32).toString("hex");

const url = setupTestDatabase();

beforeAll(async () => {
  // The queue's schema, as a worker's first start installs it: dispatching adds jobs to it.
  await runMigrations({ connectionString: url(), logger: undefined });
});

async function newOrg(slug: string) {
  return createOrganization({ name: slug, slug });
}

async function emit(organizationId: string, type: EventType = "dsync.user.created") {
  return transaction((tx) => recordEvent(tx, { type, organizationId, directoryId: null, data: {} }));
}

async function dispatchAll() {
  let after;
  for (;;) {
    const result = await dispatchEvents({ after, batchSize: 100 });
    if (result.ran && result.events === 0) return;
    after = result.position;
  }
}

describe("webhook endpoints", () => {
  it("are created with a secret shown once, stored only encrypted", async () => {
    const org = await newOrg("wh-create");
    const { endpoint, secret } = await createWebhookEndpoint({ organizationId: org.id, url: "https://hooks.example.com/rollcall", eventTypes: ["dsync.user.created", "dsync.user.created"] });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(endpoint).toMatchObject({
      id: expect.stringMatching(/^whk_/),
      organizationId: org.id,
      url: "https://hooks.example.com/rollcall",
      eventTypes: ["dsync.user.created"],
      enabled: true,
      secretPrefix: secret.slice(0, 12),
    });
    expect(JSON.stringify(endpoint)).not.toContain(secret.slice(12));
    const [row] = await sql.query<{ secretEncrypted: string }>(`SELECT "secretEncrypted" FROM "WebhookEndpoint" WHERE id = $1`, [endpoint.id]);
    expect(row!.secretEncrypted).not.toContain(secret.slice(6));
    expect(openSecret(row!.secretEncrypted, endpoint.id)).toBe(secret);
    expect(JSON.stringify(await listWebhookEndpoints({ organizationId: org.id }))).not.toContain(secret.slice(12));
  });

  it.each([
    ["ftp://example.com/hook", "url"],
    ["javascript:alert(1)", "url"],
    ["not a url", "url"],
    ["/relative/path", "url"],
    [`https://example.com/${"a".repeat(2100)}`, "url"],
  ])("refuses the URL %s", async (bad, field) => {
    const org = await newOrg(`wh-bad-${randomBytes(3).toString("hex")}`);
    await expect(createWebhookEndpoint({ organizationId: org.id, url: bad })).rejects.toMatchObject({ code: "INVALID_INPUT", field });
  });

  it("refuses an unknown event type and an unknown organisation", async () => {
    const org = await newOrg("wh-bad-type");
    await expect(createWebhookEndpoint({ organizationId: org.id, url: "http://localhost/x", eventTypes: ["dsync.user.nope" as EventType] })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(createWebhookEndpoint({ organizationId: "org_missing", url: "https://hooks.example.com/x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  // Issue 12, item 1: SSRF. Only the operator may point an endpoint at its own network.
  it.each(["http://127.0.0.1:9200/x", "http://localhost:8080/x", "http://169.254.169.254/latest/meta-data", "http://[::1]/x", "http://10.0.0.5/x", "http://[::ffff:192.168.0.1]/x", "http://100.64.1.1/x", "http://0.0.0.0/x"])(
    "refuses %s for an endpoint not registered by the operator, and accepts it from the operator",
    async (url) => {
      const org = await newOrg(`wh-ssrf-${randomBytes(3).toString("hex")}`);
      await expect(createWebhookEndpoint({ organizationId: org.id, url })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "url", message: expect.stringMatching(/public internet address/) });
      expect((await listWebhookEndpoints({ organizationId: org.id }))).toEqual([]);
      expect((await createWebhookEndpoint({ organizationId: org.id, url, allowPrivateTargets: true })).endpoint.organizationId).toBe(org.id);
    },
  );

  it("are listed and deleted only within their organisation; global ones only without one", async () => {
    const a = await newOrg("wh-scope-a");
    const b = await newOrg("wh-scope-b");
    const ea = (await createWebhookEndpoint({ organizationId: a.id, url: "https://a.example.com/h" })).endpoint;
    const eb = (await createWebhookEndpoint({ organizationId: b.id, url: "https://b.example.com/h" })).endpoint;
    const global = (await createWebhookEndpoint({ organizationId: null, url: "https://host.example.com/h" })).endpoint;
    expect(global.organizationId).toBeNull();

    expect((await listWebhookEndpoints({ organizationId: a.id })).map((e) => e.id)).toEqual([ea.id]);
    const all = (await listWebhookEndpoints()).map((e) => e.id);
    expect(all).toEqual(expect.arrayContaining([ea.id, eb.id, global.id]));

    await expect(deleteWebhookEndpoint({ id: eb.id, organizationId: a.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteWebhookEndpoint({ id: global.id, organizationId: a.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await deleteWebhookEndpoint({ id: ea.id, organizationId: a.id })).toEqual({ deleted: true });
    await expect(deleteWebhookEndpoint({ id: ea.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await deleteWebhookEndpoint({ id: global.id })).toEqual({ deleted: true });
    expect((await listWebhookEndpoints()).map((e) => e.id)).toContain(eb.id);
  });
});

describe("webhook deliveries", () => {
  it("are made for the event's organisation's endpoints and global ones, by type, and only for events after the endpoint", async () => {
    const a = await newOrg("dlv-match-a");
    const b = await newOrg("dlv-match-b");
    const before = await emit(a.id);
    const everything = (await createWebhookEndpoint({ organizationId: a.id, url: "https://a.example.com/all" })).endpoint;
    const groupsOnly = (await createWebhookEndpoint({ organizationId: a.id, url: "https://a.example.com/groups", eventTypes: ["dsync.group.created"] })).endpoint;
    const global = (await createWebhookEndpoint({ organizationId: null, url: "https://host.example.com/all" })).endpoint;
    const userA = await emit(a.id, "dsync.user.created");
    const groupA = await emit(a.id, "dsync.group.created");
    const userB = await emit(b.id, "dsync.user.created");
    await dispatchAll();
    await dispatchAll(); // a second pass finds nothing new to make

    const pairs = await sql.query<{ endpointId: string; eventId: string; organizationId: string }>(
      `SELECT "endpointId", "eventId", "organizationId" FROM "WebhookDelivery" WHERE "endpointId" = ANY($1::text[]) ORDER BY "endpointId", "eventId"`,
      [[everything.id, groupsOnly.id, global.id]],
    );
    const key = (p: { endpointId: string; eventId: string }) => `${p.endpointId}/${p.eventId}`;
    expect(pairs.map(key).sort()).toEqual(
      [
        { endpointId: everything.id, eventId: userA.id },
        { endpointId: everything.id, eventId: groupA.id },
        { endpointId: groupsOnly.id, eventId: groupA.id },
        { endpointId: global.id, eventId: userA.id },
        { endpointId: global.id, eventId: groupA.id },
        { endpointId: global.id, eventId: userB.id },
      ]
        .map(key)
        .sort(),
    );
    expect(pairs.some((p) => p.eventId === before.id)).toBe(false);
    expect(pairs.find((p) => p.eventId === userB.id)!.organizationId).toBe(b.id);
    // Every new delivery is in exactly one queued batch job.
    const jobs = await sql.query<{ payload: { deliveryIds?: string[] } }>(`SELECT j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE t.identifier = 'deliver-webhook'`);
    const queued = jobs.flatMap((j) => j.payload.deliveryIds ?? []);
    const ids = await sql.query<{ id: string }>(`SELECT id FROM "WebhookDelivery" WHERE "endpointId" = ANY($1::text[])`, [[everything.id, groupsOnly.id, global.id]]);
    for (const { id } of ids) expect(queued.filter((q) => q === id), id).toHaveLength(1);
    // One endpoint per batch, so that a slow endpoint's requests never hold up another's.
    const endpointOf = new Map((await sql.query<{ id: string; endpointId: string }>(`SELECT id, "endpointId" FROM "WebhookDelivery"`)).map((d) => [d.id, d.endpointId]));
    for (const job of jobs) expect(new Set((job.payload.deliveryIds ?? []).map((id) => endpointOf.get(id))).size).toBe(1);
    await deleteWebhookEndpoint({ id: global.id });
  });

  it("are made for an event committed after a later transaction's, which the dispatcher has already passed", async () => {
    const org = await newOrg("dlv-out-of-order");
    const endpoint = (await createWebhookEndpoint({ organizationId: org.id, url: "https://o.example.com/h" })).endpoint;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const isWritten = new Promise<void>((resolve) => (written = resolve));
    const slow = transaction(async (tx) => {
      const event = await recordEvent(tx, { type: "dsync.user.created", organizationId: org.id, directoryId: null, data: {} });
      written();
      await released;
      return event;
    });
    await isWritten;
    let position;
    let fast;
    try {
      fast = await emit(org.id);
      // The fast transaction committed, but the slow one is older and open: nothing is dispatched past it.
      position = (await dispatchEvents()).position;
      expect(await sql.query(`SELECT 1 FROM "WebhookDelivery" WHERE "endpointId" = $1`, [endpoint.id])).toEqual([]);
    } finally {
      release();
    }
    const late = await slow;
    for (;;) {
      const result = await dispatchEvents({ after: position });
      position = result.position;
      if (result.ran && result.events === 0) break;
    }
    const made = await sql.query<{ eventId: string }>(`SELECT "eventId" FROM "WebhookDelivery" WHERE "endpointId" = $1`, [endpoint.id]);
    expect(made.map((d) => d.eventId).sort()).toEqual([late.id, fast.id].sort());
  });

  it("of organisation B are invisible to organisation A: not listed, not redelivered", async () => {
    const a = await newOrg("dlv-tenant-a");
    const b = await newOrg("dlv-tenant-b");
    const ea = (await createWebhookEndpoint({ organizationId: a.id, url: "https://a.example.com/h" })).endpoint;
    const eb = (await createWebhookEndpoint({ organizationId: b.id, url: "https://b.example.com/h" })).endpoint;
    await emit(a.id);
    const eventB = await emit(b.id);
    await dispatchAll();

    const listA = await listWebhookDeliveries({ organizationId: a.id });
    expect(listA.data.map((d) => d.endpointId)).toEqual([ea.id]);
    expect(listA.data.every((d) => d.organizationId === a.id)).toBe(true);
    const listB = await listWebhookDeliveries({ organizationId: b.id });
    expect(listB.data).toHaveLength(1);
    const deliveryB = listB.data[0]!;
    expect(deliveryB).toMatchObject({ endpointId: eb.id, eventId: eventB.id, eventType: "dsync.user.created", organizationId: b.id, status: "pending", attempts: 0, attemptLog: [] });

    expect((await listWebhookDeliveries({ organizationId: a.id, endpointId: eb.id })).data).toEqual([]);
    expect((await listWebhookDeliveries({ organizationId: a.id, eventId: eventB.id })).data).toEqual([]);
    await expect(redeliverWebhookDelivery({ id: deliveryB.id, organizationId: a.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(redeliverWebhookDelivery({ id: "dlv_missing", organizationId: b.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await redeliverWebhookDelivery({ id: deliveryB.id, organizationId: b.id })).id).toBe(deliveryB.id);
    // Unscoped (the host's global key) sees both.
    const all = await listWebhookDeliveries({ endpointId: eb.id });
    expect(all.data.map((d) => d.id)).toEqual([deliveryB.id]);
  });

  it("are listed newest first, filtered by status, in pages", async () => {
    const org = await newOrg("dlv-pages");
    const endpoint = (await createWebhookEndpoint({ organizationId: org.id, url: "https://p.example.com/h" })).endpoint;
    for (let i = 0; i < 5; i++) await emit(org.id);
    await dispatchAll();
    const first = await listWebhookDeliveries({ organizationId: org.id, limit: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await listWebhookDeliveries({ organizationId: org.id, limit: 2, after: first.nextCursor! });
    const third = await listWebhookDeliveries({ organizationId: org.id, limit: 2, after: second.nextCursor! });
    expect(third.data).toHaveLength(1);
    expect(third.nextCursor).toBeNull();
    const ids = [...first.data, ...second.data, ...third.data].map((d) => d.id);
    expect(new Set(ids).size).toBe(5);
    const times = [...first.data, ...second.data, ...third.data].map((d) => d.createdAt.getTime());
    expect([...times].sort((x, y) => y - x)).toEqual(times);

    await sql.execute(`UPDATE "WebhookDelivery" SET status = 'dead' WHERE id = $1`, [ids[0]]);
    expect((await listWebhookDeliveries({ organizationId: org.id, status: "dead" })).data.map((d) => d.id)).toEqual([ids[0]]);
    expect((await listWebhookDeliveries({ endpointId: endpoint.id, status: "pending" })).data).toHaveLength(4);
    await expect(listWebhookDeliveries({ after: "bogus" })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "after" });
  });
});
