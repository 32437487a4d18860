import * as client from "openid-client";
import { DomainError } from "@/lib/domain-error";
import { fetchDocument, parseFetchableUrl, type FetchedDocument } from "./fetch-document";

/** The endpoints of an OpenID Provider, from its discovery document. Stored in SsoConnection.oidcDiscovery. */
export type OidcDiscovery = {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  userinfoEndpoint?: string;
};

const FIELD = "issuer";
const SUBJECT = "The issuer";
/** Discovery needs a client id to build a Configuration; nothing is sent with it. */
const PLACEHOLDER_CLIENT_ID = "rollcall-discovery";

const fail = (message: string) => new DomainError("INVALID_INPUT", message, FIELD);

/**
 * Reads `<issuer>/.well-known/openid-configuration` (OpenID Connect Discovery 1.0 §4) through openid-client,
 * which also checks that the document names the same issuer (§4.3). The issuer must be https; loopback
 * is allowed while Rollcall itself runs on loopback. 10 seconds and 1 MB at most (`timeoutMs` for tests).
 * Every problem is an INVALID_INPUT DomainError on the field "issuer".
 */
export async function discoverOidcIssuer(issuer: string, { timeoutMs }: { timeoutMs?: number } = {}): Promise<OidcDiscovery> {
  const url = parseFetchableUrl(issuer, { field: FIELD, subject: SUBJECT });
  if (url.search || url.hash) throw fail("The issuer must not contain ? or #: enter only the issuer URL, like https://acme.okta.com");
  // People paste the issuer with a trailing slash that the provider does not have; §4.3 compares exactly.
  if (url.pathname.length > 1 && url.pathname.endsWith("/")) url.pathname = url.pathname.replace(/\/+$/, "");

  let last: FetchedDocument | undefined;
  const customFetch: client.CustomFetch = async (input, init) => {
    last = await fetchDocument(new URL(input), { field: FIELD, subject: SUBJECT, accept: "application/json", timeoutMs, signal: init.signal });
    const noBody = last.status === 204 || last.status === 205 || last.status === 304;
    return new Response(noBody ? null : last.body, { status: last.status, headers: last.contentType ? { "content-type": last.contentType } : {} });
  };

  let metadata: client.ServerMetadata;
  try {
    const configuration = await client.discovery(url, PLACEHOLDER_CLIENT_ID, undefined, undefined, {
      [client.customFetch]: customFetch,
      execute: url.protocol === "http:" ? [client.allowInsecureRequests] : [],
      // fetchDocument's own limit comes first and says which URL did not answer.
      timeout: Math.ceil((timeoutMs ?? 10_000) / 1000) + 5,
    });
    metadata = configuration.serverMetadata();
  } catch (err) {
    throw toDiscoveryError(err, url, last);
  }
  return readEndpoints(metadata, url);
}

function toDiscoveryError(err: unknown, issuer: URL, last: FetchedDocument | undefined): unknown {
  if (err instanceof DomainError) return err;
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof DomainError) return cause;
  const code = (err as { code?: unknown }).code;
  const at = last?.url ?? `${shown(issuer)}/.well-known/openid-configuration`;
  switch (code) {
    case "OAUTH_RESPONSE_IS_NOT_CONFORM": {
      const status = last ? `${last.status}${last.reason ? ` ${last.reason}` : ""}` : "an error";
      if (last && last.status >= 300 && last.status < 400 && last.location) {
        return fail(`The issuer answered ${status} at ${at}, a redirect to ${truncate(last.location)}: enter the issuer exactly as your identity provider names it`);
      }
      return fail(`The issuer answered ${status} at ${at}: check the issuer URL`);
    }
    case "OAUTH_RESPONSE_IS_NOT_JSON":
      return fail(`The issuer's discovery document at ${at} is not JSON${last?.contentType ? ` (it is ${truncate(last.contentType)})` : ""}: check the issuer URL`);
    case "OAUTH_PARSE_ERROR":
    case "OAUTH_INVALID_RESPONSE":
      return fail(`${shown(issuer)} is not an OpenID Provider: ${at} is not a valid discovery document`);
    case "OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED": {
      const declared = (cause as { body?: { issuer?: unknown } } | undefined)?.body?.issuer;
      return fail(
        typeof declared === "string"
          ? `The discovery document at ${at} names its issuer ${truncate(declared)}, not ${shown(issuer)}. Enter the issuer exactly as ${truncate(declared)}`
          : `The discovery document at ${at} names a different issuer`,
      );
    }
    case "OAUTH_TIMEOUT":
      return fail(`${SUBJECT} did not answer in time`);
    default:
      // Ours, not the admin's: keep the details in the server log.
      console.error("OpenID Connect discovery failed:", err);
      return fail(`Could not read the issuer's discovery document at ${at}`);
  }
}

const REQUIRED = ["authorization_endpoint", "token_endpoint", "jwks_uri"] as const;

function readEndpoints(metadata: client.ServerMetadata, issuer: URL): OidcDiscovery {
  const missing = REQUIRED.filter((name) => typeof metadata[name] !== "string" || metadata[name] === "");
  if (missing.length > 0) {
    throw fail(`${shown(issuer)} is not an OpenID Provider: its discovery document lacks ${missing.join(" and ")}`);
  }
  const endpoint = (name: string, value: string) => {
    parseFetchableUrl(value, { field: FIELD, subject: `The issuer's ${name} (${truncate(value)})` });
    return value;
  };
  const userinfo = metadata.userinfo_endpoint;
  return {
    issuer: metadata.issuer,
    authorizationEndpoint: endpoint("authorization_endpoint", metadata.authorization_endpoint!),
    tokenEndpoint: endpoint("token_endpoint", metadata.token_endpoint!),
    jwksUri: endpoint("jwks_uri", metadata.jwks_uri!),
    ...(typeof userinfo === "string" && userinfo !== "" ? { userinfoEndpoint: endpoint("userinfo_endpoint", userinfo) } : {}),
  };
}

/** The issuer as people write it: without the slash that URL adds to a bare host. */
function shown(issuer: URL): string {
  return issuer.href.replace(/\/$/, "");
}

/** Text from a remote server goes into a message shown in the portal: keep it short. */
function truncate(value: string, max = 200): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}
