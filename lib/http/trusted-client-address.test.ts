import { describe, expect, it } from "vitest";
import { trustedClientAddress } from "./trusted-client-address.mjs";

// Issue 12, item 9: X-Forwarded-For is believed only as far as the operator's trusted proxies wrote it.
describe("trustedClientAddress", () => {
  it.each([
    ["no proxies: the header is ignored", "203.0.113.5", "198.51.100.1", 0, "198.51.100.1"],
    ["no proxies, IPv4-mapped socket address", undefined, "::ffff:198.51.100.1", 0, "198.51.100.1"],
    ["one proxy: the entry it appended", "203.0.113.5", "10.0.0.2", 1, "203.0.113.5"],
    ["one proxy, a forged entry before it", "6.6.6.6, 203.0.113.5", "10.0.0.2", 1, "203.0.113.5"],
    ["two proxies", "6.6.6.6, 203.0.113.5, 10.0.0.3", "10.0.0.2", 2, "203.0.113.5"],
    ["more hops trusted than written", "203.0.113.5", "10.0.0.2", 3, "203.0.113.5"],
    ["a proxy that sent no header", undefined, "10.0.0.2", 1, "10.0.0.2"],
    ["repeated headers", ["6.6.6.6", "203.0.113.5"], "10.0.0.2", 1, "203.0.113.5"],
  ])("%s", (_label, header, socket, hops, expected) => {
    expect(trustedClientAddress(header, socket, hops)).toBe(expected);
  });
});
