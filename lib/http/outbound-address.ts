import dns, { type LookupAddress, type LookupAllOptions } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { Agent, buildConnector } from "undici";

/**
 * Outbound requests to addresses a tenant chose (webhook endpoints, SSO metadata and discovery URLs) are a
 * server-side request forgery risk: a name or address that leads to this machine, the private network or a
 * cloud metadata service (169.254.169.254) would let a tenant reach what only Rollcall can. This module
 * decides which addresses such a request may connect to, and checks it where it matters: on the address
 * the socket actually connects to, so a DNS name that answers a public address when registered and a
 * private one later (DNS rebinding) gains nothing.
 */

/** Which addresses a guarded request may connect to. */
export type AddressPolicy = (address: string) => boolean;

/**
 * A public unicast address. Everything ipaddr.js classifies otherwise is refused: loopback, private
 * (RFC 1918), link-local (169.254/16, fe80::/10), unique-local (fc00::/7), carrier-grade NAT (100.64/10),
 * multicast, broadcast, unspecified (0.0.0.0, ::, which reach this machine on Linux), reserved and
 * documentation ranges, and IPv6 forms that carry an IPv4 address to a translator (NAT64 64:ff9b::/96,
 * 6to4, Teredo). An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is judged as the IPv4 address it maps.
 */
export function isPublicAddress(address: string): boolean {
  const text = address.replace(/^\[|\]$/g, "");
  if (!isIP(text)) return false;
  let parsed: ipaddr.IPv4 | ipaddr.IPv6 = ipaddr.parse(text);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === "unicast";
}

/** Loopback (127/8, ::1, and their IPv4-mapped form): development and tests run their servers there. */
export function isLoopbackAddress(address: string): boolean {
  const text = address.replace(/^\[|\]$/g, "");
  if (!isIP(text)) return false;
  let parsed: ipaddr.IPv4 | ipaddr.IPv6 = ipaddr.parse(text);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === "loopback";
}

/** A connection the policy refused; nothing was sent to the address. */
export class BlockedAddressError extends Error {
  readonly code = "ERR_BLOCKED_ADDRESS";
  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    super(hostname === address ? `${address} is not a public address` : `${hostname} resolves to ${address}, which is not a public address`);
    this.name = "BlockedAddressError";
  }
}

type LookupAll = (hostname: string, options: LookupAllOptions, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

const systemLookup: LookupAll = (hostname, options, callback) => dns.lookup(hostname, options, callback);

/**
 * A `lookup` for net.connect and tls.connect that refuses a name when any of its addresses fails the policy,
 * not only the first: with happy eyeballs (Node's autoSelectFamily) any of them may be the one connected to.
 */
function guardedLookup(policy: AddressPolicy, resolve: LookupAll): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { family: options.family, hints: options.hints, all: true }, (err, addresses) => {
      if (err) return callback(err, "", 0);
      const refused = addresses.find((a) => !policy(a.address));
      if (refused) return callback(new BlockedAddressError(hostname, refused.address) as NodeJS.ErrnoException, "", 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const [first] = addresses;
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 0);
      callback(null, first.address, first.family);
    });
  };
}

/**
 * undici's connector with the policy applied three times: to an address literal before connecting, to every
 * address a name resolves to before connecting, and to the socket's remote address once connected (the
 * address that was actually reached, whatever resolved it).
 */
export function guardedConnector(policy: AddressPolicy, options: { timeout?: number; lookup?: LookupAll } = {}): buildConnector.connector {
  const connect = buildConnector({ timeout: options.timeout, lookup: guardedLookup(policy, options.lookup ?? systemLookup) });
  return (opts, callback) => {
    const literal = opts.hostname.replace(/^\[|\]$/g, "");
    if (isIP(literal) && !policy(literal)) return callback(new BlockedAddressError(literal, literal), null);
    connect(opts, (...args) => {
      const [err, socket] = args;
      if (err) return callback(err, null);
      const remote = socket.remoteAddress;
      if (!remote || !policy(remote)) {
        socket.destroy();
        return callback(new BlockedAddressError(opts.hostname, remote ?? "an unknown address"), null);
      }
      callback(null, socket);
    });
  };
}

/** An undici Agent whose every connection goes through `guardedConnector`. */
export function guardedAgent(policy: AddressPolicy, options: ConstructorParameters<typeof Agent>[0] & { lookup?: LookupAll } = {}): Agent {
  const { lookup, ...agentOptions } = options;
  return new Agent({ ...agentOptions, connect: guardedConnector(policy, { lookup }) });
}

/**
 * The addresses a host name resolves to now, or the address itself. Empty when the name does not resolve
 * (yet): registration then accepts it, and the check at connection time decides.
 */
export async function resolveHost(hostname: string, resolve: LookupAll = systemLookup): Promise<string[]> {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return [host];
  return new Promise((done) => resolve(host, { all: true }, (err, addresses) => done(err ? [] : addresses.map((a) => a.address))));
}

/** Finds a BlockedAddressError in an error or its `cause` chain (undici and fetch wrap connector errors). */
export function findBlockedAddress(err: unknown): BlockedAddressError | undefined {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof BlockedAddressError) return e;
    if ((e as { code?: unknown }).code === "ERR_BLOCKED_ADDRESS") return e as BlockedAddressError;
  }
  return undefined;
}
