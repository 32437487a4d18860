import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/lib/testing/free-port";
import { startTestHttpServer, type TestHttpServer } from "@/lib/testing/test-http-server";
import { discoverOidcIssuer } from "./discover-oidc-issuer";
import { rejectionOf } from "@/lib/testing/rejection-of";

const WELL_KNOWN = "/.well-known/openid-configuration";

/** A discovery document as Okta publishes one, for an issuer at `issuer`. */
const document = (issuer: string, base: string, overrides: Record<string, unknown> = {}) => ({
  issuer,
  authorization_endpoint: `${base}/oauth2/v1/authorize`,
  token_endpoint: `${base}/oauth2/v1/token`,
  userinfo_endpoint: `${base}/oauth2/v1/userinfo`,
  jwks_uri: `${base}/oauth2/v1/keys`,
  response_types_supported: ["code", "id_token", "code id_token"],
  subject_types_supported: ["public"],
  id_token_signing_alg_values_supported: ["RS256"],
  ...overrides,
});

let idp: TestHttpServer;
beforeAll(async () => {
  idp = await startTestHttpServer((req, res, base) => {
    const json = (body: unknown) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    switch (req.url) {
      case WELL_KNOWN:
        return json(document(base, base));
      case `/tenant/v2.0${WELL_KNOWN}`:
        // Entra-style: the issuer has a path and no trailing slash; no userinfo endpoint here.
        return json(document(`${base}/tenant/v2.0`, base, { userinfo_endpoint: undefined }));
      case `/mismatch${WELL_KNOWN}`:
        return json(document("https://login.other.example.com", base));
      case `/oauth-only${WELL_KNOWN}`:
        return json({ issuer: `${base}/oauth-only`, token_endpoint: `${base}/token` });
      case `/plain-http-endpoint${WELL_KNOWN}`:
        return json(document(`${base}/plain-http-endpoint`, base, { token_endpoint: "http://idp.example.com/token" }));
      case `/html${WELL_KNOWN}`:
        return res.writeHead(200, { "content-type": "text/html" }).end("<html><body>Welcome</body></html>");
      case `/not-json${WELL_KNOWN}`:
        return res.writeHead(200, { "content-type": "application/json" }).end("{ this is not json");
      case `/moved${WELL_KNOWN}`:
        return res.writeHead(301, { location: "https://idp.example.com/.well-known/openid-configuration" }).end();
      case `/silent${WELL_KNOWN}`:
        return; // never answers
      default:
        return res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
    }
  });
});
afterAll(() => idp.close());

describe("discoverOidcIssuer against a real HTTP server", () => {
  it("reads the endpoints of a good discovery document", async () => {
    expect(await discoverOidcIssuer(idp.url)).toEqual({
      issuer: idp.url,
      authorizationEndpoint: `${idp.url}/oauth2/v1/authorize`,
      tokenEndpoint: `${idp.url}/oauth2/v1/token`,
      jwksUri: `${idp.url}/oauth2/v1/keys`,
      userinfoEndpoint: `${idp.url}/oauth2/v1/userinfo`,
    });
  });

  it("accepts an issuer with a path, pasted with a trailing slash, and no userinfo endpoint", async () => {
    const discovery = await discoverOidcIssuer(`  ${idp.url}/tenant/v2.0/ `);
    expect(discovery.issuer).toBe(`${idp.url}/tenant/v2.0`);
    expect(discovery).not.toHaveProperty("userinfoEndpoint");
  });

  it("says the issuer answered 404, and where", async () => {
    expect(await rejectionOf(discoverOidcIssuer(`${idp.url}/wrong`))).toMatchObject({
      code: "INVALID_INPUT",
      field: "issuer",
      message: `The issuer answered 404 Not Found at ${idp.url}/wrong${WELL_KNOWN}: check the issuer URL`,
    });
  });

  it("refuses a document that names another issuer", async () => {
    expect(await rejectionOf(discoverOidcIssuer(`${idp.url}/mismatch`))).toMatchObject({
      field: "issuer",
      message: `The discovery document at ${idp.url}/mismatch${WELL_KNOWN} names its issuer https://login.other.example.com, not ${idp.url}/mismatch. Enter the issuer exactly as https://login.other.example.com`,
    });
  });

  it("refuses a document that lacks the OpenID endpoints", async () => {
    expect(await rejectionOf(discoverOidcIssuer(`${idp.url}/oauth-only`))).toMatchObject({
      field: "issuer",
      message: `${idp.url}/oauth-only is not an OpenID Provider: its discovery document lacks authorization_endpoint and jwks_uri`,
    });
  });

  it.each([
    ["/html", `The issuer's discovery document at IDP/html${WELL_KNOWN} is not JSON (it is text/html): check the issuer URL`],
    ["/not-json", `IDP/not-json is not an OpenID Provider: IDP/not-json${WELL_KNOWN} is not a valid discovery document`],
    ["/moved", `The issuer answered 301 Moved Permanently at IDP/moved${WELL_KNOWN}, a redirect to https://idp.example.com/.well-known/openid-configuration: enter the issuer exactly as your identity provider names it`],
    ["/plain-http-endpoint", "The issuer's token_endpoint (http://idp.example.com/token) must start with https:// (an http:// address is not protected in transit)"],
  ])("refuses %s", async (pathname, message) => {
    expect(await rejectionOf(discoverOidcIssuer(`${idp.url}${pathname}`))).toMatchObject({ field: "issuer", message: message.replaceAll("IDP", idp.url) });
  });

  it("gives up on an issuer that does not answer", async () => {
    expect(await rejectionOf(discoverOidcIssuer(`${idp.url}/silent`, { timeoutMs: 1000 }))).toMatchObject({ field: "issuer", message: "The issuer did not answer within 1 second" });
  });

  it("says when nothing listens there", async () => {
    const port = await freePort();
    expect(await rejectionOf(discoverOidcIssuer(`http://127.0.0.1:${port}`))).toMatchObject({ field: "issuer", message: `Could not reach 127.0.0.1:${port}: check the address, and that it can be reached from the internet` });
  });

  it.each([
    ["acme.okta.com", "The issuer must be a full URL starting with https://"],
    ["http://acme.okta.com", "The issuer must start with https:// (an http:// address is not protected in transit)"],
    ["https://acme.okta.com?tenant=1", "The issuer must not contain ? or #: enter only the issuer URL, like https://acme.okta.com"],
  ])("refuses the issuer %j before fetching anything", async (issuer, message) => {
    expect(await rejectionOf(discoverOidcIssuer(issuer))).toMatchObject({ field: "issuer", message });
  });
});
