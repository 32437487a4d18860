import { STATUS_CODES } from "node:http";
import { isIP } from "node:net";
import { fetch, type Agent } from "undici";
import { config } from "@/lib/config";
import { DomainError } from "@/lib/domain-error";
import { guardedAgent, isLoopbackAddress, isPublicAddress } from "@/lib/http/outbound-address";
import { readBodyLimited } from "@/lib/http/read-body-limited";

/** Identity-provider documents are a few kilobytes; anything near this is not one (or is an attack). */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;
export const FETCH_TIMEOUT_MS = 10_000;

export type FetchedDocument = { url: string; status: number; reason: string; contentType: string | null; location: string | null; body: string };

type Describe = {
  /** The form field the URL came from, for the error. */
  field: string;
  /** How the messages name the URL's owner: "The metadata URL", "The issuer". */
  subject: string;
};

/**
 * Checks a URL that Rollcall itself will fetch (SSRF: the customer's IT admin chooses it). It must be
 * https. Loopback hosts are allowed, over http too, only while Rollcall itself runs on a loopback address
 * (development and tests); a production server must not be made to fetch from its own machine.
 */
export function parseFetchableUrl(text: string, { field, subject, appUrl = config().appUrl }: Describe & { appUrl?: string }): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new DomainError("INVALID_INPUT", `${subject} must be a full URL starting with https://`, field);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new DomainError("INVALID_INPUT", `${subject} must start with https://`, field);
  if (url.username || url.password) throw new DomainError("INVALID_INPUT", `${subject} must not contain a user name or password`, field);
  if (isLoopbackHost(url.hostname)) {
    if (!isLoopbackHost(new URL(appUrl).hostname)) {
      throw new DomainError("INVALID_INPUT", `${subject} points at this server's own machine (${url.hostname}); use the identity provider's public address`, field);
    }
    return url;
  }
  if (url.protocol !== "https:") throw new DomainError("INVALID_INPUT", `${subject} must start with https:// (an http:// address is not protected in transit)`, field);
  return url;
}

/**
 * The connections a setup link's holder can make Rollcall open (SSRF). The address actually connected to must
 * be public; while Rollcall itself runs on loopback (development and tests) loopback is allowed too, as
 * parseFetchableUrl allows its names. Private, link-local and the other non-public ranges never are: a name
 * that resolves there is refused before a byte is sent, and the holder learns only that it was unreachable.
 */
const publicOnly = guardedAgent(isPublicAddress, { keepAliveTimeout: 1_000 });
const publicOrLoopback = guardedAgent((address) => isPublicAddress(address) || isLoopbackAddress(address), { keepAliveTimeout: 1_000 });

function dispatcherFor(appUrl: string): Agent {
  return isLoopbackHost(new URL(appUrl).hostname) ? publicOrLoopback : publicOnly;
}

/**
 * Loopback by its name or address, as `new URL()` normalises them (`http://2130706433/` is 127.0.0.1,
 * `[::ffff:127.0.0.1]` is `[::ffff:7f00:1]`). 0.0.0.0 and :: reach the local machine on Linux, so they
 * count. A DNS name that resolves to a loopback address is not caught here.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (isIP(host) === 4) return host.startsWith("127.") || host === "0.0.0.0";
  if (isIP(host) === 6) return host === "::1" || host === "::" || /^::ffff:7f[0-9a-f]{2}:/.test(host);
  return false;
}

/**
 * GETs a document with a time limit and a size limit, without following redirects (the caller decides),
 * and turns network failures into a message for the field: connection refused, unknown host, an
 * untrusted HTTPS certificate, a timeout. An HTTP error status is returned, not thrown.
 */
export async function fetchDocument(
  url: URL,
  options: Describe & { accept: string; timeoutMs?: number; maxBytes?: number; signal?: AbortSignal | null; appUrl?: string },
): Promise<FetchedDocument> {
  const { field, subject, timeoutMs = FETCH_TIMEOUT_MS, maxBytes = MAX_DOCUMENT_BYTES, appUrl = config().appUrl } = options;
  const timer = new AbortController();
  const timeout = setTimeout(() => timer.abort(), timeoutMs);
  const signal = options.signal ? AbortSignal.any([timer.signal, options.signal]) : timer.signal;
  const timedOut = () => new DomainError("INVALID_INPUT", `${subject} did not answer within ${formatSeconds(timeoutMs)}`, field);
  try {
    let res: Awaited<ReturnType<typeof fetch>>;
    try {
      res = await fetch(url, { headers: { accept: options.accept, "user-agent": "Rollcall" }, redirect: "manual", signal, dispatcher: dispatcherFor(appUrl) });
    } catch (err) {
      if (timer.signal.aborted) throw timedOut();
      if (options.signal?.aborted) throw err;
      throw new DomainError("INVALID_INPUT", unreachableMessage(url, err), field);
    }
    const declared = Number(res.headers.get("content-length"));
    if (declared > maxBytes) {
      await res.body?.cancel();
      throw tooLarge(options, maxBytes);
    }
    let bytes: Buffer | null;
    try {
      // undici's web stream type and the DOM one the helper takes are the same object at run time.
      bytes = await readBodyLimited(res.body as ReadableStream<Uint8Array> | null, maxBytes);
    } catch (err) {
      if (timer.signal.aborted) throw timedOut();
      if (options.signal?.aborted) throw err;
      throw new DomainError("INVALID_INPUT", `${subject} closed the connection before the whole document arrived`, field);
    }
    if (!bytes) throw tooLarge(options, maxBytes);
    // TextDecoder drops a UTF-8 byte-order mark, which some Windows-hosted identity providers send.
    const body = new TextDecoder().decode(bytes);
    return {
      url: url.href,
      status: res.status,
      reason: STATUS_CODES[res.status] ?? "",
      contentType: res.headers.get("content-type"),
      location: res.headers.get("location"),
      body,
    };
  } finally {
    clearTimeout(timeout);
  }
}

function tooLarge({ field, subject }: Describe, maxBytes: number) {
  return new DomainError("INVALID_INPUT", `${subject} returned more than ${formatBytes(maxBytes)}, which is far more than any identity provider's document`, field);
}


/**
 * One message for every way a host can be unreachable: refused, unknown name, reset, no route, timed out
 * while connecting, or an address Rollcall will not connect to. Telling them apart would tell a setup link's
 * holder which hosts and ports answer inside our network (SSRF used as a port scanner). Certificate problems
 * are named, because they arise only once a permitted (public) address has answered.
 */
function unreachableMessage(url: URL, err: unknown): string {
  const cause = (err as { cause?: { code?: unknown } }).cause;
  const code = typeof cause?.code === "string" ? cause.code : undefined;
  const host = url.host;
  switch (code) {
    case "CERT_HAS_EXPIRED":
      return `Could not reach ${host} safely: its HTTPS certificate has expired`;
    case "ERR_TLS_CERT_ALTNAME_INVALID":
      return `Could not reach ${host} safely: its HTTPS certificate is for a different host name`;
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "SELF_SIGNED_CERT_IN_CHAIN":
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "UNABLE_TO_GET_ISSUER_CERT_LOCALLY":
      return `Could not reach ${host} safely: its HTTPS certificate is not from a trusted authority`;
    default:
      return unreachable(host);
  }
}

/** The neutral answer for a host that could not be reached, whatever the reason. */
export function unreachable(host: string): string {
  return `Could not reach ${host}: check the address, and that it can be reached from the internet`;
}

function formatSeconds(ms: number): string {
  const seconds = Math.round(ms / 100) / 10;
  return `${seconds} second${seconds === 1 ? "" : "s"}`;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}
