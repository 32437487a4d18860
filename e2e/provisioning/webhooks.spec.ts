// Webhooks through the running product: the worker that `npm start` runs delivers signed events to a real
// receiver on loopback, and a slow receiver does not slow SCIM down.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhookSignature } from "../../lib/events/verify-webhook-signature";
import { expect, test } from "../fixtures";
import { dsyncJson, type Directory } from "../support/cli";
import { scimClient, userBody } from "../support/scim";

type Received = { headers: http.IncomingHttpHeaders; body: string };

function receiver(delayMs = 0) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      setTimeout(() => res.writeHead(200).end("ok"), delayMs);
    });
  });
  return new Promise<{ url: string; received: Received[]; close: () => void }>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, close: () => server.close() })),
  );
}

test("a SCIM change reaches the organisation's webhook endpoint, signed, and a slow endpoint does not slow SCIM", async () => {
  const slug = `hooks-${Date.now().toString(36)}`;
  dsyncJson("org", "create", "--name", "Hooks", "--slug", slug);
  const dir = dsyncJson<Directory>("directory", "create", "--org", slug, "--provider", "okta", "--mode", "full");
  const { key } = dsyncJson<{ key: string }>("key", "create", "--org", slug);
  await new Promise((r) => setTimeout(r, 50));
  const hook = await receiver(3000);
  try {
    const created = await fetch(`${process.env.ROLLCALL_E2E_URL}/api/v1/webhook-endpoints`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: JSON.stringify({ url: hook.url, event_types: ["dsync.user.created"] }),
    });
    const endpoint = (await created.json()) as { secret: string };
    expect(created.status, JSON.stringify(endpoint)).toBe(201);

    const scim = scimClient(dir);
    const started = performance.now();
    const users = await Promise.all(["a", "b", "c"].map((n) => scim.post("/Users", userBody(`${n}@hooks.example`))));
    // The receiver takes 3 s per request; SCIM answers without waiting for it.
    expect(performance.now() - started).toBeLessThan(2500);
    expect(users.map((u) => u.status)).toEqual([201, 201, 201]);

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
