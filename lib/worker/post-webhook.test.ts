import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/lib/testing/free-port";
import { startTestHttpServer, type TestHttpServer } from "@/lib/testing/test-http-server";
import { postWebhook } from "./post-webhook";

// A real receiver on loopback: each path answers the way some customer endpoint does.
let server: TestHttpServer;
const received: { path: string; body: string; signature: string | undefined }[] = [];
let redirectTargetHits = 0;

beforeAll(async () => {
  server = await startTestHttpServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ path: req.url!, body, signature: req.headers["rollcall-signature"] as string | undefined });
      switch (req.url) {
        case "/ok":
          return res.writeHead(200, { "Content-Type": "text/plain" }).end("thanks");
        case "/empty":
          return res.writeHead(204).end();
        case "/large":
          return res.writeHead(500).end(`${"e".repeat(1000)}${"x".repeat(100_000)}`);
        case "/nul":
          return res.writeHead(400).end(Buffer.from([0x6e, 0x6f, 0x00, 0x21]));
        case "/redirect":
          return res.writeHead(302, { Location: "/target" }).end();
        case "/target":
          redirectTargetHits++;
          return res.writeHead(200).end();
        case "/hang":
          return; // never answers
        case "/cut":
          return req.socket.destroy();
      }
    });
  });
});
afterAll(() => server.close());

const post = (path: string, extra: { timeoutMs?: number; signal?: AbortSignal; url?: string; publicOnly?: boolean } = {}) =>
  postWebhook({
    url: extra.url ?? `${server.url}${path}`,
    body: JSON.stringify({ id: "evt_1", path }),
    headers: { "Content-Type": "application/json", "Rollcall-Signature": "t=1,v1=ab" },
    timeoutMs: extra.timeoutMs ?? 5_000,
    signal: extra.signal,
    publicOnly: extra.publicOnly ?? false,
  });

describe("postWebhook", () => {
  it("sends the body and headers, and keeps the status and the start of the answer", async () => {
    const result = await post("/ok");
    expect(result).toMatchObject({ statusCode: 200, error: null, responseExcerpt: "thanks" });
    expect(received.find((r) => r.path === "/ok")).toMatchObject({ body: '{"id":"evt_1","path":"/ok"}', signature: "t=1,v1=ab" });
  });

  it("reports an empty answer as no excerpt", async () => {
    expect(await post("/empty")).toMatchObject({ statusCode: 204, error: null, responseExcerpt: null });
  });

  it("keeps only the first kilobyte of a long answer", async () => {
    const result = await post("/large");
    expect(result.statusCode).toBe(500);
    expect(result.responseExcerpt).toHaveLength(1024);
    expect(result.responseExcerpt).toBe(`${"e".repeat(1000)}${"x".repeat(24)}`);
  });

  it("replaces NUL bytes, which PostgreSQL text cannot hold", async () => {
    expect(await post("/nul")).toMatchObject({ statusCode: 400, responseExcerpt: "no\uFFFD!" });
  });

  it("does not follow a redirect: the 3xx is the outcome", async () => {
    expect(await post("/redirect")).toMatchObject({ statusCode: 302, error: null });
    expect(redirectTargetHits).toBe(0);
  });

  it("gives up after the timeout", async () => {
    const result = await post("/hang", { timeoutMs: 300 });
    expect(result).toMatchObject({ statusCode: null, error: "timed out after 300 ms", responseExcerpt: null });
    expect(result.latencyMs).toBeGreaterThanOrEqual(290);
  });

  it("names the system error when nothing listens", async () => {
    const result = await post("", { url: `http://127.0.0.1:${await freePort()}/hook` });
    expect(result).toMatchObject({ statusCode: null, error: "ECONNREFUSED" });
  });

  it("reports a connection closed before any answer", async () => {
    const result = await post("/cut");
    expect(result.statusCode).toBeNull();
    expect(result.error).toBe("other side closed");
  });

  it("stops at once when the worker stops, and says so", async () => {
    const controller = new AbortController();
    const pending = post("/hang", { signal: controller.signal, timeoutMs: 10_000 });
    setTimeout(() => controller.abort(), 100);
    const result = await pending;
    expect(result).toMatchObject({ statusCode: null, error: "worker stopped during the request" });
    expect(result.latencyMs).toBeLessThan(5_000);
  });
});

// Issue 12, item 1: an organisation's endpoint must reach only public addresses, checked on connection.
describe("postWebhook to an organisation's endpoint (public addresses only)", () => {
  it.each([
    ["loopback IPv4", (port: string) => `http://127.0.0.1:${port}/ok`],
    ["loopback by name", (port: string) => `http://localhost:${port}/ok`],
    ["loopback IPv6", (port: string) => `http://[::1]:${port}/ok`],
    ["IPv4-mapped loopback", (port: string) => `http://[::ffff:127.0.0.1]:${port}/ok`],
    ["unspecified", (port: string) => `http://0.0.0.0:${port}/ok`],
  ])("refuses %s without sending anything", async (_label, urlOf) => {
    const before = received.length;
    const result = await post("", { url: urlOf(new URL(server.url).port), publicOnly: true });
    expect(result.statusCode).toBeNull();
    expect(result.error).toMatch(/^refused: .*not a public address/);
    expect(result.responseExcerpt).toBeNull();
    expect(received.length).toBe(before);
  });

  it("answers a closed port and an open one alike, so it cannot scan ports", async () => {
    const closed = await post("", { url: `http://127.0.0.1:${await freePort()}/x`, publicOnly: true });
    const open = await post("", { url: `${server.url}/ok`, publicOnly: true });
    expect(closed.error).toBe(open.error);
  });
});
