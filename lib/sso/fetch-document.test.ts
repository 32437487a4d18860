import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/lib/testing/free-port";
import { rejectionOf } from "@/lib/testing/rejection-of";
import { fetchDocument } from "./fetch-document";

// Issue 12, item 2: an SSO metadata or discovery URL is chosen by a setup link's holder. Outside loopback
// development, the address connected to must be public, and an unreachable URL gets one neutral message
// (a distinct "connection refused" would turn the fetch into a port scanner of our network).
const production = "https://rollcall.example.com";
const development = "http://127.0.0.1:3000";
const describeUrl = { field: "metadataUrl", subject: "The metadata URL", accept: "application/xml" };

let hits = 0;
let server: http.Server;
let port = 0;
beforeAll(async () => {
  server = http.createServer((_req, res) => {
    hits++;
    res.writeHead(200, { "content-type": "application/xml" }).end("<EntityDescriptor/>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("fetchDocument outside loopback development", () => {
  it.each([
    ["an address literal", () => `http://127.0.0.1:${port}/metadata`],
    ["a name that resolves to loopback", () => `http://localhost.:${port}/metadata`],
    ["an IPv4-mapped IPv6 address", () => `http://[::ffff:127.0.0.1]:${port}/metadata`],
    ["the unspecified address", () => `http://0.0.0.0:${port}/metadata`],
  ])("never connects to loopback given %s", async (_label, urlOf) => {
    const before = hits;
    const err = await rejectionOf(fetchDocument(new URL(urlOf()), { ...describeUrl, appUrl: production }));
    expect(err).toMatchObject({ field: "metadataUrl", message: expect.stringMatching(/^Could not reach .*: check the address, and that it can be reached from the internet$/) });
    expect(hits).toBe(before);
  });

  it("answers an open port and a closed one with the same words", async () => {
    const open = await rejectionOf(fetchDocument(new URL(`http://127.0.0.1:${port}/metadata`), { ...describeUrl, appUrl: production }));
    const closedPort = await freePort();
    const closed = await rejectionOf(fetchDocument(new URL(`http://127.0.0.1:${closedPort}/metadata`), { ...describeUrl, appUrl: production }));
    expect((open as Error).message.replace(String(port), "PORT")).toBe((closed as Error).message.replace(String(closedPort), "PORT"));
  });
});

describe("fetchDocument in loopback development", () => {
  it("reaches a loopback identity provider", async () => {
    const doc = await fetchDocument(new URL(`http://127.0.0.1:${port}/metadata`), { ...describeUrl, appUrl: development });
    expect(doc).toMatchObject({ status: 200, body: "<EntityDescriptor/>" });
  });
});
