// Webhooks through the running product: the worker that `npm start` runs delivers signed events to a real
// receiver on loopback, and a slow receiver does not slow SCIM down.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhookSignature } from "../../lib/events/verify-webhook-signature";
import { expect, test } from "../fixtures";
import { dsyncJson, type Directory } from "../support/cli";
import { scimClient, userBody } from "../support/scim";

type Received = { headers: http.IncomingHttpHeaders; body: string };

/** A receiver that holds every request open until `release()`: an endpoint as slow as it gets. */
function receiver() {
  const received: Received[] = [];
  const held: http.ServerResponse[] = [];
  let released = false;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      if (released) res.writeHead(200).end("ok");
      else held.push(res);
    });
  });
  const release = () => {
    released = true;
    for (const res of held.splice(0)) res.writeHead(200).end("ok");
  };
  return new Promise<{ url: string; received: Received[]; held: http.ServerResponse[]; release: () => void; close: () => void }>((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, held, release, close: () => server.close() }),
    ),
  );
}

test("a SCIM change reaches the organisation's webhook endpoint, signed, and an endpoint that never answers does not hold SCIM up", async () => {
  const slug = `hooks-${Date.now().toString(36)}`;
  dsyncJson("org", "create", "--name", "Hooks", "--slug", slug);
  const dir = dsyncJson<Directory>("directory", "create", "--org", slug, "--provider", "okta", "--mode", "full");
  // The receiver is on loopback, which only the operator's global key may target (issue 12: an
  // organisation's key is held to public addresses); the endpoint still belongs to the organisation.
  const { key } = dsyncJson<{ key: string }>("key", "create", "--name", `hooks ${slug}`);
  await new Promise((r) => setTimeout(r, 50));
  const hook = await receiver();
  try {
    const created = await fetch(`${process.env.ROLLCALL_E2E_URL}/api/v1/webhook-endpoints`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: JSON.stringify({ url: hook.url, organization_id: dir.orgId, event_types: ["dsync.user.created"] }),
    });
    const endpoint = (await created.json()) as { secret: string };
    expect(created.status, JSON.stringify(endpoint)).toBe(201);

    const scim = scimClient(dir);
    expect((await scim.post("/Users", userBody("a@hooks.example"))).status).toBe(201);
    // The endpoint now holds the first delivery open and answers nothing...
    await expect.poll(() => hook.held.length, { timeout: 20_000 }).toBe(1);
    // ...and SCIM still answers: nothing in a request waits for a webhook.
    const more = await Promise.all(["b", "c"].map((n) => scim.post("/Users", userBody(`${n}@hooks.example`))));
    expect(more.map((u) => u.status)).toEqual([201, 201]);
    expect(hook.held.length).toBeGreaterThanOrEqual(1);
    hook.release();

    await expect.poll(() => hook.received.length, { timeout: 20_000 }).toBe(3);
    for (const r of hook.received) {
      expect(verifyWebhookSignature({ header: String(r.headers["rollcall-signature"]), body: r.body, secret: endpoint.secret })).toBe(true);
      expect(r.headers["rollcall-event-type"]).toBe("dsync.user.created");
      expect(verifyWebhookSignature({ header: String(r.headers["rollcall-signature"]), body: r.body, secret: `${endpoint.secret}x` })).toBe(false);
    }
    const names = hook.received.map((r) => (JSON.parse(r.body) as { data: { user_name: string; state: string } }).data).map((d) => `${d.user_name}:${d.state}`);
    expect(names.sort()).toEqual(["a@hooks.example:active", "b@hooks.example:active", "c@hooks.example:active"]);
  } finally {
    hook.close();
  }
});
