// Issue 11, the HTTP layer of the broker against the production build: what /sso/authorize answers for a bad
// request (an error page, or an error sent back to an allow-listed redirect_uri), and what POST /api/v1/sso/token
// answers for a code that must not work. The rules themselves are unit-tested in lib/sign-in/saml-sign-in.test.ts;
// these prove the status codes, headers and bodies. Codes are minted over HTTP: /sso/authorize, then a response
// signed with xml-crypto (lib/testing/saml-test-idp.ts) posted to the ACS, as a browser would.
import { createHash, randomBytes } from "node:crypto";
import { apiClient, createOrganization, createOrgKey, type ApiClient, type Organization } from "../api/api-client";
import { appUrl, expect, test } from "../fixtures";
import { sql } from "../support/db";
import { idpMetadata, makeTestKeyPair, readAuthnRequest, samlResponseXml, toSamlResponseParam, type TestKeyPair } from "../../lib/testing/saml-test-idp";
import { adminApi, hostUrl, putSsoConnection, type ConnectionSettings } from "./sso-support";

const IDP = "https://idp.example.test/entity";
const IDP_SSO = "https://idp.example.test/sso";
type ErrorBody = { error: { code: string; message: string } };
type Exchange = { profile: { email: string; organization_id: string }; account: { id: string; source: string } | null; session?: { id: string; token: string } };

let api: ApiClient;
let key: TestKeyPair;
let org: Organization;
let sp: ConnectionSettings["service_provider"];
let callback: string;

test.beforeAll(async () => {
  api = await adminApi();
  key = makeTestKeyPair("route-idp.example.test");
  org = await createOrganization(api, "sso-routes");
  sp = (await putSsoConnection(api, org.id, { protocol: "saml", provider: "okta", metadata_xml: idpMetadata({ entityId: IDP, ssoUrl: IDP_SSO, keys: [key] }) })).service_provider;
  callback = `${hostUrl()}/callback`;
});

const authorize = (params: Record<string, string>) => fetch(`${appUrl()}/sso/authorize?${new URLSearchParams(params)}`, { redirect: "manual" });

/** A sign-in from /sso/authorize to the code on the redirect_uri, with a PKCE verifier. */
async function mintCode(email: string): Promise<{ code: string; verifier: string }> {
  const verifier = randomBytes(32).toString("base64url");
  const started = await authorize({ organization: org.id, redirect_uri: callback, state: "st-1", code_challenge: createHash("sha256").update(verifier).digest("base64url"), code_challenge_method: "S256" });
  expect(started.status, await started.text()).toBe(302);
  const toIdp = new URL(started.headers.get("location")!);
  expect(toIdp.origin + toIdp.pathname).toBe(IDP_SSO);
  const request = readAuthnRequest(toIdp.searchParams.get("SAMLRequest")!, "redirect");
  const xml = samlResponseXml({ issuer: IDP, audience: sp.entity_id, acsUrl: sp.acs_url, inResponseTo: request.id, nameId: `nid-${email}`, attributes: { email }, key });
  const acs = await fetch(sp.acs_url, { method: "POST", redirect: "manual", body: new URLSearchParams({ SAMLResponse: toSamlResponseParam(xml), RelayState: toIdp.searchParams.get("RelayState")! }) });
  expect(acs.status, await acs.text()).toBe(302);
  const back = new URL(acs.headers.get("location")!);
  expect(back.origin + back.pathname).toBe(callback);
  expect(back.searchParams.get("state")).toBe("st-1");
  return { code: back.searchParams.get("code")!, verifier };
}

const exchange = (client: ApiClient, body: Record<string, unknown>) => client.post<Exchange & ErrorBody>("/api/v1/sso/token", body);

function expectInvalidGrant(res: { status: number; text: string; body: ErrorBody }, message: RegExp) {
  expect(res.status, res.text).toBe(400);
  expect(res.body.error.code).toBe("invalid_grant");
  expect(res.body.error.message).toMatch(message);
}

test.describe("GET /sso/authorize", () => {
  test("a missing or unlisted redirect_uri gets an error page in words, never a redirect", async () => {
    for (const redirect_uri of [undefined, "https://evil.example.com/callback", `${callback}/`, `${callback}?next=/admin`]) {
      const res = await authorize({ organization: org.id, state: "st", ...(redirect_uri !== undefined && { redirect_uri }) });
      const body = await res.text();
      expect(res.status, body).toBe(400);
      expect(res.headers.get("location")).toBeNull();
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      // One sentence in words, ending in one full stop; the code for support; no stack trace.
      expect(body).toMatch(redirect_uri === undefined ? /<p>The sign-in link is incomplete: it has no redirect_uri\. The application that sent you here must fix its link\.<\/p>/ : /<p>The sign-in link names a redirect_uri that is not on Rollcall&#39;s allow-list, [^<]*\(SSO_REDIRECT_URIS or the management API\)\.<\/p>/);
      expect(body).toContain("Error: <code>invalid_request</code>");
      if (redirect_uri) expect(body).not.toContain(redirect_uri);
      expect(body).not.toMatch(/\bat \w+ \(|\.ts:\d/);
    }
  });

  test("a bad request with an allow-listed redirect_uri goes back to it with the error and the host's state", async () => {
    const cases: [string, Record<string, string>, RegExp][] = [
      ["no state", { organization: org.id }, /no state parameter/],
      ["both organization and connection", { organization: org.id, connection: "sso_x", state: "st" }, /exactly one of organization and connection/],
      ["neither organization nor connection", { state: "st" }, /exactly one of organization and connection/],
      ["a plain PKCE method", { organization: org.id, state: "st", code_challenge: "a".repeat(43), code_challenge_method: "plain" }, /must be S256/],
      ["an organization without a connection", { organization: "org_nothing_here", state: "st" }, /no single sign-on connection/],
    ];
    for (const [name, params, description] of cases) {
      const res = await authorize({ redirect_uri: callback, ...params });
      expect(res.status, `${name}: ${await res.text()}`).toBe(302);
      const back = new URL(res.headers.get("location")!);
      expect(back.origin + back.pathname, name).toBe(callback);
      expect(back.searchParams.get("error"), name).toBe("invalid_request");
      expect(back.searchParams.get("error_description"), name).toMatch(description);
      expect(back.searchParams.get("state"), name).toBe(params.state ?? null);
      expect(back.searchParams.get("code"), name).toBeNull();
    }
  });

  test("a redirect_uri that a global key puts on the stored allow-list works at once", async () => {
    const extra = `https://app-${randomBytes(4).toString("hex")}.example.com/sso/callback`;
    const params = { organization: org.id, redirect_uri: extra, state: "st" };
    expect((await authorize(params)).status).toBe(400);
    const stored = (await api.get<{ data: { uri: string; source: string }[] }>("/api/v1/sso/redirect-uris")).body.data.filter((e) => e.source === "api").map((e) => e.uri);
    try {
      expect((await api.put("/api/v1/sso/redirect-uris", { redirect_uris: [...stored, extra] })).status).toBe(200);
      const res = await authorize(params);
      expect(res.status).toBe(302);
      expect(new URL(res.headers.get("location")!).origin + new URL(res.headers.get("location")!).pathname).toBe(IDP_SSO);
    } finally {
      await api.put("/api/v1/sso/redirect-uris", { redirect_uris: stored });
    }
    expect((await authorize(params)).status).toBe(400);
  });
});

test.describe("POST /api/v1/sso/token", () => {
  test("a code works once: reusing it is refused and revokes the session its first use issued", async () => {
    const { code, verifier } = await mintCode("reuse@acme.test");
    const first = await exchange(api, { code, redirect_uri: callback, code_verifier: verifier, session: true });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ profile: { email: "reuse@acme.test", organization_id: org.id }, account: { source: "jit" }, session: { token: expect.stringMatching(/^rc_ses_/) } });
    const verify = () => api.post<{ valid: boolean; reason?: string }>("/api/v1/sessions/verify", { token: first.body.session!.token });
    expect((await verify()).body.valid).toBe(true);

    expectInvalidGrant(await exchange(api, { code, redirect_uri: callback, code_verifier: verifier, session: true }), /already used/);
    expect((await verify()).body).toEqual({ valid: false, reason: "revoked" });
  });

  test("refuses an expired code, another redirect_uri, a wrong or missing PKCE verifier, and a request without a key", async () => {
    const expired = await mintCode("expired@acme.test");
    await sql(`UPDATE "SignInAttempt" SET "codeExpiresAt" = now() - interval '1 second' WHERE "organizationId" = $1 AND "codeUsedAt" IS NULL`, [org.id]);
    expectInvalidGrant(await exchange(api, { code: expired.code, redirect_uri: callback, code_verifier: expired.verifier }), /expired/);

    const other = await mintCode("other-uri@acme.test");
    expectInvalidGrant(await exchange(api, { code: other.code, redirect_uri: `${callback}/other`, code_verifier: other.verifier }), /redirect_uri differs/);

    const wrong = await mintCode("wrong-verifier@acme.test");
    expectInvalidGrant(await exchange(api, { code: wrong.code, redirect_uri: callback, code_verifier: randomBytes(32).toString("base64url") }), /does not match the code_challenge/);

    const missing = await mintCode("no-verifier@acme.test");
    expectInvalidGrant(await exchange(api, { code: missing.code, redirect_uri: callback }), /code_verifier is required/);

    const unauthenticated = await apiClient(undefined).post("/api/v1/sso/token", { code: missing.code, redirect_uri: callback });
    expect(unauthenticated.status, unauthenticated.text).toBe(401);
    // None of these issued anything.
    expect(await sql(`SELECT 1 FROM "Account" WHERE "organizationId" = $1 AND "email" IN ('expired@acme.test', 'other-uri@acme.test', 'wrong-verifier@acme.test', 'no-verifier@acme.test') AND "id" IN (SELECT "accountId" FROM "Session")`, [org.id])).toEqual([]);
  });

  test("another organization's API key is refused as if the code were unknown, and does not burn it", async () => {
    const stranger = await createOrganization(api, "sso-routes-other");
    const strangerKey = apiClient((await createOrgKey(stranger.slug)).key);
    const { code, verifier } = await mintCode("tenant@acme.test");
    expectInvalidGrant(await exchange(strangerKey, { code, redirect_uri: callback, code_verifier: verifier }), /unknown/);
    const own = await exchange(api, { code, redirect_uri: callback, code_verifier: verifier });
    expect(own.status, own.text).toBe(200);
    expect(own.body.profile.organization_id).toBe(org.id);
  });
});
