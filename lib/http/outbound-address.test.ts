import type { LookupAddress } from "node:dns";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "undici";
import { guardedAgent, isLoopbackAddress, isPublicAddress } from "./outbound-address";

describe("isPublicAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.5.4", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "link-local (cloud metadata)"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["0.0.0.0", "unspecified"],
    ["::1", "IPv6 loopback"],
    ["::", "IPv6 unspecified"],
    ["fe80::1", "IPv6 link-local"],
    ["fc00::1", "unique-local"],
    ["fd12:3456::1", "unique-local"],
    ["ff02::1", "IPv6 multicast"],
    ["::ffff:127.0.0.1", "IPv4-mapped loopback"],
    ["::ffff:a9fe:a9fe", "IPv4-mapped link-local"],
    ["::ffff:10.1.2.3", "IPv4-mapped private"],
    ["64:ff9b::a00:1", "NAT64 to a private address"],
    ["2002:a00:1::", "6to4"],
    ["[::1]", "bracketed IPv6 loopback"],
    ["not-an-address", "a name"],
  ])("refuses %s (%s)", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("accepts %s", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it("knows loopback in every form", () => {
    expect(["127.0.0.1", "::1", "::ffff:127.0.0.1", "[::1]"].every(isLoopbackAddress)).toBe(true);
    expect(["10.0.0.1", "8.8.8.8", "::"].some(isLoopbackAddress)).toBe(false);
  });
});

// A name that resolved to a public address when it was checked and resolves to loopback when connected
// (DNS rebinding): the connector checks the address it is about to connect to, each time.
describe("guardedAgent", () => {
  let server: net.Server;
  let port = 0;
  let connections = 0;
  const sockets = new Set<net.Socket>();
  beforeAll(async () => {
    server = net.createServer((socket) => {
      connections++;
      sockets.add(socket);
      socket.end("HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const resolvingTo =
    (...addresses: string[]) =>
    (_host: string, _options: unknown, callback: (err: NodeJS.ErrnoException | null, a: LookupAddress[]) => void) =>
      callback(null, addresses.map((address) => ({ address, family: net.isIP(address) })));

  it("refuses a name that now resolves to loopback, and never connects", async () => {
    const agent = guardedAgent(isPublicAddress, { lookup: resolvingTo("127.0.0.1") });
    await expect(request(`http://rebind.test:${port}/`, { dispatcher: agent })).rejects.toMatchObject({ code: "ERR_BLOCKED_ADDRESS" });
    expect(connections).toBe(0);
    await agent.close();
  });

  it("refuses a name when any one of its addresses is private", async () => {
    const agent = guardedAgent(isPublicAddress, { lookup: resolvingTo("127.0.0.1", "8.8.8.8") });
    await expect(request(`http://mixed.test:${port}/`, { dispatcher: agent })).rejects.toMatchObject({ code: "ERR_BLOCKED_ADDRESS" });
    expect(connections).toBe(0);
    await agent.close();
  });

  it("refuses an address literal before connecting", async () => {
    const agent = guardedAgent(isPublicAddress);
    await expect(request(`http://127.0.0.1:${port}/`, { dispatcher: agent })).rejects.toMatchObject({ code: "ERR_BLOCKED_ADDRESS" });
    expect(connections).toBe(0);
    await agent.close();
  });

  it("connects where the policy allows, through the same resolver", async () => {
    const agent = guardedAgent(isLoopbackAddress, { lookup: resolvingTo("127.0.0.1") });
    const res = await request(`http://allowed.test:${port}/`, { dispatcher: agent });
    expect(res.statusCode).toBe(200);
    expect(await res.body.text()).toBe("ok");
    expect(connections).toBe(1);
    await agent.close();
  });
});
