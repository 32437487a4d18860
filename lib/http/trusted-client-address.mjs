// Plain JavaScript: the Next.js server process (lib/server/next-server.mjs) loads it without a TypeScript loader.

/**
 * The client's address, from the socket and as many X-Forwarded-For entries as there are trusted proxies in
 * front of Rollcall (TRUSTED_PROXY_HOPS). Each proxy appends the address it received the request from, so
 * with `hops` proxies the client is the entry `hops` places before the socket's peer; anything further left
 * was written by the client and proves nothing. With 0 hops the header is ignored entirely (issue 12, item 9:
 * a forged X-Forwarded-For escaped the sign-in limiter).
 *
 * @param {string | string[] | undefined} forwardedFor the X-Forwarded-For header(s) as received
 * @param {string | undefined} socketAddress the TCP peer's address
 * @param {number} hops trusted reverse proxies in front of the server
 * @returns {string | undefined}
 */
export function trustedClientAddress(forwardedFor, socketAddress, hops) {
  const peer = socketAddress?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  if (hops <= 0) return peer;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const chain = header
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  chain.push(peer ?? "");
  // chain[last] is the peer (the nearest proxy); the client is `hops` entries before it, or the leftmost
  // entry when fewer proxies wrote the header than were trusted.
  return chain[Math.max(chain.length - 1 - hops, 0)] || undefined;
}
