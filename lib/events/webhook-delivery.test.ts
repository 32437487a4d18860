import { randomBytes } from "node:crypto";
import http from "node:http";
import { runMigrations } from "graphile-worker";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { sql, transaction } from "@/lib/db/sql";
import { createDirectory } from "@/lib/directory/create-directory";
import { createOrganization } from "@/lib/organizations/create-organization";
import { freePort } from "@/lib/testing/free-port";
import { requestScimRoute } from "@/lib/testing/scim-route-request";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { retryDelayMs } from "@/lib/worker/delivery-options";
import { dispatchEvents } from "@/lib/worker/dispatch-events";
import { requeueStalledDeliveries } from "@/lib/worker/requeue-stalled-deliveries";
import { startWorker, type RunningWorker, type StartWorkerOptions } from "@/lib/worker/start-worker";
import { createWebhookEndpoint } from "./create-webhook-endpoint";
import { deleteWebhookEndpoint } from "./delete-webhook-endpoint";
import { listWebhookDeliveries } from "./list-webhook-deliveries";
import { recordEvent, type EventType } from "./record-event";
import { redeliverWebhookDelivery } from "./redeliver-webhook-delivery";
import type { WebhookDeliveryView } from "./to-webhook-delivery";
import { verifyWebhookSignature } from "./verify-webhook-signature";

// Endpoint secrets are sealed with this key, not one written into the checkout's .data/.
process.env.SECRET_KEY ??= randomBytes(32).toString("hex");

const url = setupTestDatabase();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  await runMigrations({ connectionString: url() });
});

// ---- a real HTTP receiver on loopback -------------------------------------------------------------------

type Received = { eventId: string; headers: http.IncomingHttpHeaders; body: string; status: number };
type Respond = (request: { eventId: string; nth: number }) => number | Promise<number>;

const receivers: { close(): Promise<void> }[] = [];

async function startReceiver(respond: Respond = () => 200) {
  const port = await freePort();
  const received: Received[] = [];
  const counts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        const eventId = String(req.headers["rollcall-event-id"]);
        const nth = (counts.get(eventId) ?? 0) + 1;
        counts.set(eventId, nth);
        const status = await respond({ eventId, nth });
        received.push({ eventId, headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), status });
        res.writeHead(status, { "content-type": "text/plain" });
        res.end(status < 300 ? "thanks" : `failure number ${nth}`);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const receiver = {
    url: `http://127.0.0.1:${port}/rollcall-hooks`,
    received,
    /** Requests answered with a 2xx, per event id. */
    successes: (eventId: string) => received.filter((r) => r.eventId === eventId && r.status < 300).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  receivers.push(receiver);
  return receiver;
}

// ---- workers with short timings -------------------------------------------------------------------------

const workers: RunningWorker[] = [];
const logs: string[] = [];

async function start(overrides: Partial<StartWorkerOptions> = {}) {
  const worker = await startWorker({
    databaseUrl: url(),
    concurrency: 4,
    retryBaseMs: 50,
    retryMaxMs: 400,
    requestTimeoutMs: 3000,
    leaseMs: 10_000,
    dispatchIntervalMs: 50,
    pollIntervalMs: 50,
    log: (line) => logs.push(line),
    ...overrides,
  });
  workers.push(worker);
  return worker;
}

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

// ---- helpers --------------------------------------------------------------------------------------------

async function newOrg(prefix: string) {
  const slug = `${prefix}-${randomBytes(3).toString("hex")}`;
  return createOrganization({ name: slug, slug });
}

async function emit(organizationId: string, count = 1, type: EventType = "dsync.user.created") {
  return transaction(async (tx) => {
    const events = [];
    for (let i = 0; i < count; i++) events.push(await recordEvent(tx, { type, organizationId, directoryId: "dir_test", data: { n: i } }));
    return events;
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; worker log: ${logs.join(" | ")}`);
    await sleep(25);
  }
}

async function deliveriesOf(endpointId: string): Promise<WebhookDeliveryView[]> {
  return (await listWebhookDeliveries({ endpointId, limit: 200 })).data;
}

async function allSucceeded(endpointId: string, count: number) {
  const deliveries = await deliveriesOf(endpointId);
  return deliveries.length === count && deliveries.every((d) => d.status === "succeeded") && deliveries;
}

// ---- the tests ------------------------------------------------------------------------------------------

describe("webhook delivery worker", () => {
  it("POSTs the event as JSON, signed with the endpoint's secret", async () => {
    const org = await newOrg("sig");
    const receiver = await startReceiver();
    const { endpoint, secret } = await createWebhookEndpoint({ organizationId: org.id, url: receiver.url, allowPrivateTargets: true });
    await start();
    const [event] = await emit(org.id, 1, "dsync.group.user_added");

    const [delivery] = await waitFor("the delivery", () => allSucceeded(endpoint.id, 1));
    expect(receiver.received).toHaveLength(1);
    const request = receiver.received[0]!;
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["rollcall-event-id"]).toBe(event!.id);
    expect(request.headers["rollcall-event-type"]).toBe("dsync.group.user_added");
    const header = String(request.headers["rollcall-signature"]);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ header, body: request.body, secret })).toBe(true);
    expect(verifyWebhookSignature({ header, body: request.body, secret: `${secret}x` })).toBe(false);
    expect(JSON.parse(request.body)).toEqual({
      id: event!.id,
      type: "dsync.group.user_added",
      created_at: event!.createdAt.toISOString(),
      organization_id: org.id,
      directory_id: "dir_test",
      data: { n: 0 },
    });

    expect(delivery).toMatchObject({ status: "succeeded", attempts: 1, nextAttemptAt: null, organizationId: org.id, eventId: event!.id });
    expect(delivery!.attemptLog).toEqual([
      { id: expect.stringMatching(/^dlv_/), attempt: 1, startedAt: expect.any(Date), latencyMs: expect.any(Number), statusCode: 200, error: null, responseExcerpt: "thanks" },
    ]);
  });

  // Issue 13: deprovisioning reaches the host within 100 ms. The commit of an event wakes the dispatcher (LISTEN/NOTIFY);
  // the poll is only a fallback, here a minute away, so a delivery within seconds proves the wake-up.
  it("is woken by the commit of an event, long before its fallback poll", async () => {
    const org = await newOrg("notify");
    const receiver = await startReceiver();
    const { endpoint } = await createWebhookEndpoint({ organizationId: org.id, url: receiver.url, allowPrivateTargets: true });
    await start({ dispatchIntervalMs: 60_000 });
    await sleep(1500); // the first pass has run and the listener is connected: only a notification can wake it now
    const started = Date.now();
    await emit(org.id, 1, "account.deactivated");
    await waitFor("the delivery", () => allSucceeded(endpoint.id, 1), 10_000);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(receiver.received.map((r) => r.headers["rollcall-event-type"])).toEqual(["account.deactivated"]);
  });

  // Issue 13: a SCIM request's transactions do not NOTIFY (their commits would queue on the notification queue's lock);
  // the request's wrapper wakes the dispatcher once it is done (lib/events/wake-event-dispatcher.ts).
  it("is woken after a SCIM write whose own transaction sent no notification, long before its fallback poll", async () => {
    const org = await newOrg("scim-wake");
    const receiver = await startReceiver();
    const { endpoint } = await createWebhookEndpoint({ organizationId: org.id, url: receiver.url, allowPrivateTargets: true });
    const { directory, token } = await createDirectory({ organizationId: org.id, provider: "okta", syncMode: "FULL" });
    // The first request activates the directory (its own transaction, which notifies): done, and its dsync.activated
    // delivered by the worker's first pass, before the write measured.
    expect((await requestScimRoute({ directoryId: directory.id, token, method: "GET", path: "/Users" })).status).toBe(200);
    await start({ dispatchIntervalMs: 60_000 });
    await waitFor("dsync.activated", () => allSucceeded(endpoint.id, 1), 10_000);
    await sleep(1500); // the listener is connected: only a notification can wake the dispatcher now
    const started = Date.now();
    const created = await requestScimRoute({
      directoryId: directory.id, token, method: "POST", path: "/Users",
      body: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "wake@scim.example.com", emails: [{ value: "wake@scim.example.com", primary: true }], active: true },
    });
    expect(created.status).toBe(201);
    await waitFor("the write's delivery", () => allSucceeded(endpoint.id, 2), 10_000);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(receiver.received.map((r) => r.headers["rollcall-event-type"])).toEqual(["dsync.activated", "dsync.user.created"]);
  });

  it("retries a receiver that fails 3 times, and delivers each event successfully exactly once", async () => {
    const org = await newOrg("retry");
    const receiver = await startReceiver(({ nth }) => (nth <= 3 ? 500 : 200));
    const { endpoint } = await createWebhookEndpoint({ organizationId: org.id, url: receiver.url, allowPrivateTargets: true });
    await start();
    const events = await emit(org.id, 5);

    const deliveries = await waitFor("five successful deliveries", () => allSucceeded(endpoint.id, 5));
    await sleep(300); // nothing more may arrive
    for (const event of events) {
      expect(receiver.received.filter((r) => r.eventId === event.id).map((r) => r.status)).toEqual([500, 500, 500, 200]);
      expect(receiver.successes(event.id)).toBe(1);
    }
    for (const delivery of await deliveriesOf(endpoint.id)) {
      expect(delivery.attempts).toBe(4);
      expect(delivery.attemptLog.map((a) => [a.attempt, a.statusCode])).toEqual([[1, 500], [2, 500], [3, 500], [4, 200]]);
      expect(delivery.attemptLog[0]!.responseExcerpt).toBe("failure number 1");
    }
    expect(deliveries).toHaveLength(5);
  });

  it("loses no event and duplicates none when workers stop mid-run and another starts", async () => {
    const org = await newOrg("restart");
    const receiver = await startReceiver(async () => {
      await sleep(200);
      return 200;
    });
    const { endpoint } = await createWebhookEndpoint({ organizationId: org.id, url: receiver.url, allowPrivateTargets: true });
    const a = await start({ concurrency: 2 });
    const b = await start({ concurrency: 2 });
    // More deliveries than the two workers' four job slots take at once (DELIVERY_BATCH_SIZE to a job), so that
    // stopping them leaves some undone.
    const first = await emit(org.id, 60);
    const second = await emit(org.id, 60);

    await waitFor("a few deliveries", async () => receiver.received.length >= 4);
    await Promise.all([a.stop(), b.stop()]);
    const doneBefore = (await deliveriesOf(endpoint.id)).filter((d) => d.status === "succeeded").length;
    expect(doneBefore).toBeLessThan(120);
    // Written while no worker runs: found by the next worker's dispatcher.
    const third = await emit(org.id, 6);

    await start({ concurrency: 4 });
    await waitFor("126 successful deliveries", () => allSucceeded(endpoint.id, 126));
    await sleep(300);
    const all = [...first, ...second, ...third];
    expect(receiver.received).toHaveLength(126);
    expect(new Set(receiver.received.map((r) => r.eventId))).toEqual(new Set(all.map((e) => e.id)));
    expect((await deliveriesOf(endpoint.id)).every((d) => d.attempts === 1)).toBe(true);
  });

  it("in one batch, retries only the deliveries that failed and records every attempt", async () => {
    const org = await newOrg("mixed");
    // Every third event fails twice before its endpoint accepts it.
    const failing = new Set<string>();
    const receiver = await startReceiver(({ eventId, nth }) => (failing.has(eventId) && nth <= 2 ? 503 : 200));
    const { endpoint } = await createWebhookEndpoint({ organizationId: org.id, url: receiver.url, allowPrivateTargets: true });
    const events = await emit(org.id, 20);
    events.forEach((e, i) => i % 3 === 0 && failing.add(e.id));
    await start({ concurrency: 1 });
    await waitFor("twenty successful deliveries", () => allSucceeded(endpoint.id, 20));
    await sleep(200);
    for (const delivery of await deliveriesOf(endpoint.id)) {
      const expected = failing.has(delivery.eventId) ? 3 : 1;
      expect(delivery.attempts, delivery.eventId).toBe(expected);
      expect(delivery.attemptLog.map((a) => a.statusCode)).toEqual(expected === 3 ? [503, 503, 200] : [200]);
      expect(receiver.successes(delivery.eventId)).toBe(1);
    }
  });

  it("sends once even when duplicate jobs for one delivery run at the same time, and not again after success", async () => {
    const org = await newOrg("dupes");
    const receiver = await startReceiver(async () => {
      await sleep(100);
      return 200;
    });
    const { endpoint } = await createWebhookEndpoint({ organizationId: org.id, url: receiver.url, allowPrivateTargets: true });
    const [event] = await emit(org.id);
    await dispatchEvents();
    const [delivery] = await deliveriesOf(endpoint.id);
    // Three more jobs for the same delivery, without the job key that would have merged them.
    const duplicate = `SELECT graphile_worker.add_job('deliver-webhook', json_build_object('deliveryId', $1::text)) FROM generate_series(1, 3)`;
    await sql.query(duplicate, [delivery!.id]);

    await start({ concurrency: 4 });
    await waitFor("the delivery", () => allSucceeded(endpoint.id, 1));
    await sleep(300);
    expect(receiver.successes(event!.id)).toBe(1);

    await sql.query(duplicate, [delivery!.id]);
    await sleep(500);
    expect(receiver.received).toHaveLength(1);
    expect((await deliveriesOf(endpoint.id))[0]!.attempts).toBe(1);
  });

  it("sends a delivery whose worker died mid-request again after the lease, and not before, even when redelivered", async () => {
    const org = await newOrg("lease");
    const receiver = await startReceiver(() => 200);
    const { endpoint } = await createWebhookEndpoint({ organizationId: org.id, url: receiver.url, allowPrivateTargets: true });
    const [event] = await emit(org.id);
    await dispatchEvents();
    const [delivery] = await deliveriesOf(endpoint.id);
    // The row as a worker's claim leaves it when that worker is killed before the request ends.
    await sql.execute(`UPDATE "WebhookDelivery" SET attempts = 1, "lastAttemptAt" = now() WHERE id = $1`, [delivery!.id]);

    const inFlight = await redeliverWebhookDelivery({ id: delivery!.id, organizationId: org.id });
    expect(inFlight).toMatchObject({ status: "pending", attempts: 1, nextAttemptAt: null });
    await start({ leaseMs: 10_000 }); // its start-up sweep, and the dispatcher's queued job, both find it in flight
    await requeueStalledDeliveries({ overdueMs: 0, leaseMs: 10_000 });
    await sleep(500);
    expect(receiver.received).toHaveLength(0);

    // The lease runs out: the sweep queues it again, and the running worker sends it.
    await sql.execute(`UPDATE "WebhookDelivery" SET "lastAttemptAt" = now() - interval '20 seconds', "nextAttemptAt" = now() - interval '21 seconds' WHERE id = $1`, [delivery!.id]);
    await requeueStalledDeliveries({ overdueMs: 60_000, leaseMs: 10_000 });
    const [sent] = await waitFor("the delivery after the lease", () => allSucceeded(endpoint.id, 1));
    expect(sent).toMatchObject({ attempts: 2, nextAttemptAt: null });
    expect(sent!.attemptLog).toHaveLength(1); // the dead worker recorded nothing
    expect(receiver.successes(event!.id)).toBe(1);
  });

  it("gives up on a dead endpoint after the retry window, leaving the delivery dead", async () => {
    const org = await newOrg("dead");
    const closedPort = await freePort(); // nothing listens here
    const { endpoint } = await createWebhookEndpoint({ organizationId: org.id, url: `http://127.0.0.1:${closedPort}/gone`, allowPrivateTargets: true });
    const timing = { deliveryWindowMs: 1000, retryBaseMs: 50, retryMaxMs: 200 };
    await start(timing);
    await emit(org.id);

    const [delivery] = await waitFor("a dead delivery", async () => {
      const list = await deliveriesOf(endpoint.id);
      return list[0]?.status === "dead" && list;
    });
    expect(delivery!.attempts).toBeGreaterThanOrEqual(2);
    expect(delivery!.nextAttemptAt).toBeNull();
    expect(delivery!.attemptLog).toHaveLength(delivery!.attempts);
    for (const attempt of delivery!.attemptLog) expect(attempt).toMatchObject({ statusCode: null, error: "ECONNREFUSED", responseExcerpt: null });
    // Not given up early: the attempt after the last one would have fallen beyond the window.
    const last = delivery!.attemptLog.at(-1)!;
    const nextWouldBe = last.startedAt.getTime() + last.latencyMs + retryDelayMs(delivery!.attempts, timing);
    expect(nextWouldBe + 50).toBeGreaterThan(delivery!.createdAt.getTime() + timing.deliveryWindowMs);
    await sleep(500);
    expect((await deliveriesOf(endpoint.id))[0]!.attempts).toBe(delivery!.attempts);
  });

  it("redelivers on request: a dead delivery once the endpoint is back, and a succeeded one again", async () => {
    const org = await newOrg("redeliver");
    let up = false;
    const receiver = await startReceiver(() => (up ? 200 : 503));
    const { endpoint } = await createWebhookEndpoint({ organizationId: org.id, url: receiver.url, allowPrivateTargets: true });
    await start({ deliveryWindowMs: 400, retryBaseMs: 50, retryMaxMs: 100 });
    const [event] = await emit(org.id);
    const dead = await waitFor("a dead delivery", async () => {
      const [d] = await deliveriesOf(endpoint.id);
      return d?.status === "dead" && d;
    });
    expect(dead.attemptLog.every((a) => a.statusCode === 503)).toBe(true);

    up = true;
    const requeued = await redeliverWebhookDelivery({ id: dead.id, organizationId: org.id });
    expect(requeued.status).toBe("pending");
    const [succeeded] = await waitFor("the redelivery", () => allSucceeded(endpoint.id, 1));
    expect(succeeded!.attempts).toBe(dead.attempts + 1);
    expect(succeeded!.attemptLog.at(-1)).toMatchObject({ statusCode: 200, attempt: dead.attempts + 1 });
    expect(receiver.successes(event!.id)).toBe(1);

    // Resending a success is an explicit request: it is sent again and recorded as one more attempt.
    await redeliverWebhookDelivery({ id: succeeded!.id });
    await waitFor("a second success", async () => receiver.successes(event!.id) === 2);
    const [again] = await waitFor("the attempt recorded", async () => {
      const list = await deliveriesOf(endpoint.id);
      return list[0]?.status === "succeeded" && list[0].attempts === succeeded!.attempts + 1 && list;
    });
    expect(again!.attemptLog.at(-1)).toMatchObject({ statusCode: 200 });
    await sleep(300);
    expect(receiver.successes(event!.id)).toBe(2);
  });

  it("sends every organisation's events to a global endpoint, and an organisation's only to its own, by type", async () => {
    const a = await newOrg("global-a");
    const b = await newOrg("global-b");
    const hostReceiver = await startReceiver();
    const orgReceiver = await startReceiver();
    const global = await createWebhookEndpoint({ organizationId: null, url: hostReceiver.url, allowPrivateTargets: true });
    const own = await createWebhookEndpoint({ organizationId: a.id, url: orgReceiver.url, eventTypes: ["dsync.group.created"], allowPrivateTargets: true });
    await start();
    try {
      const userA = await emit(a.id, 1, "dsync.user.created");
      const groupA = await emit(a.id, 1, "dsync.group.created");
      const userB = await emit(b.id, 2, "dsync.user.deleted");
      const expected = [...userA, ...groupA, ...userB].map((e) => e.id);

      await waitFor("the global endpoint's deliveries", () => allSucceeded(global.endpoint.id, 4));
      await waitFor("the organisation endpoint's delivery", () => allSucceeded(own.endpoint.id, 1));
      await sleep(200);
      expect(new Set(hostReceiver.received.map((r) => r.eventId))).toEqual(new Set(expected));
      expect(hostReceiver.received).toHaveLength(4);
      for (const r of hostReceiver.received) expect(verifyWebhookSignature({ header: String(r.headers["rollcall-signature"]), body: r.body, secret: global.secret })).toBe(true);
      expect(orgReceiver.received.map((r) => r.eventId)).toEqual([groupA[0]!.id]);
      expect(verifyWebhookSignature({ header: String(orgReceiver.received[0]!.headers["rollcall-signature"]), body: orgReceiver.received[0]!.body, secret: own.secret })).toBe(true);

      // Organisation B sees its events' deliveries to the global endpoint, never organisation A's.
      const seenByB = await listWebhookDeliveries({ organizationId: b.id });
      expect(seenByB.data.map((d) => d.eventId).sort()).toEqual(userB.map((e) => e.id).sort());
      const aDelivery = (await listWebhookDeliveries({ organizationId: a.id, endpointId: global.endpoint.id })).data[0]!;
      await expect(redeliverWebhookDelivery({ id: aDelivery.id, organizationId: b.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    } finally {
      // Later tests' events must not reach this endpoint.
      await deleteWebhookEndpoint({ id: global.endpoint.id });
    }
  });
});
