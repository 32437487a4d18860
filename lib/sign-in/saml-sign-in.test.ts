import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createOrganization } from "@/lib/organizations/create-organization";
import { saveSamlConnection } from "@/lib/sso/save-saml-connection";
import { serviceProviderDetails } from "@/lib/sso/service-provider";
import { replaceRedirectUris } from "@/lib/sso/replace-redirect-uris";
import { idpMetadata, makeTestKeyPair, readAuthnRequest, samlResponseXml, toSamlResponseParam, type ResponseOptions, type TestKeyPair } from "@/lib/testing/saml-test-idp";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { exchangeSignInCode } from "./exchange-sign-in-code";
import { handleSamlResponse } from "./handle-saml-response";
import { getTestSignIn } from "./get-test-sign-in";
import { startSignIn, startTestSignIn } from "./start-sign-in";

process.env.SECRET_KEY ??= randomBytes(32).toString("hex");
process.env.SSO_INITIATE_LOGIN_URI = "https://host.example.com/login/sso";

setupTestDatabase();

const HOST = "https://host.example.com/callback";
const IDP = "https://idp.test/entity";
let current: TestKeyPair;
let next: TestKeyPair;
let stranger: TestKeyPair;

beforeAll(async () => {
  current = makeTestKeyPair("current.idp.test");
  next = makeTestKeyPair("next.idp.test");
  stranger = makeTestKeyPair("stranger.example.com");
  await replaceRedirectUris({ uris: [HOST] });
}, 60_000);

let counter = 0;
async function samlOrg({ keys = [current], binding = "redirect" as "redirect" | "post", allowIdpInitiated = false, domains = [] as string[] } = {}) {
  const org = await createOrganization({ name: "Acme", slug: `saml-${Date.now().toString(36)}-${counter++}`, domains });
  await saveSamlConnection({ organizationId: org.id, provider: "okta", metadataXml: idpMetadata({ entityId: IDP, ssoUrl: "https://idp.test/sso", keys, binding }), allowIdpInitiated });
  return { org, sp: serviceProviderDetails(org.id) };
}

/** Starts a sign-in as the host would, and reads the AuthnRequest the browser carries to the IdP. */
async function start(organizationId: string, extra: Record<string, string> = {}) {
  const step = await startSignIn({ organization: organizationId, redirect_uri: HOST, state: "host-state-1", ...extra });
  if (step.kind === "redirect") {
    const url = new URL(step.url);
    return { request: readAuthnRequest(url.searchParams.get("SAMLRequest")!, "redirect"), relayState: url.searchParams.get("RelayState")!, url };
  }
  if (step.kind !== "post") throw new Error("unexpected step");
  return { request: readAuthnRequest(step.fields.SAMLRequest!, "post"), relayState: step.fields.RelayState!, step };
}

function respond(sp: { entityId: string; acsUrl: string }, inResponseTo: string | undefined, options: Partial<ResponseOptions> = {}) {
  return samlResponseXml({ issuer: IDP, audience: sp.entityId, acsUrl: sp.acsUrl, inResponseTo, nameId: "00u1abc", attributes: { email: "ada@acme.test", firstName: "Ada", lastName: "Lovelace" }, key: current, ...options });
}

async function post(organizationId: string, xml: string, relayState: string) {
  return handleSamlResponse({ organizationId, samlResponse: toSamlResponseParam(xml), relayState });
}

function codeFrom(exit: Awaited<ReturnType<typeof post>>) {
  if (exit.kind !== "redirect") throw new Error(`expected a redirect, got an error page: ${exit.error.reason}`);
  const url = new URL(exit.url);
  return { url, code: url.searchParams.get("code"), error: url.searchParams.get("error"), description: url.searchParams.get("error_description"), state: url.searchParams.get("state") };
}

describe("SAML SP-initiated sign-in", () => {
  it("sends an AuthnRequest by HTTP-Redirect, accepts the signed answer, and the host exchanges the code for the profile", async () => {
    const { org, sp } = await samlOrg();
    const { request, relayState, url } = await start(org.id, { login_hint: "ada@acme.test" });
    expect(url!.origin + url!.pathname).toBe("https://idp.test/sso");
    expect(request).toMatchObject({ acsUrl: sp.acsUrl, issuer: sp.entityId });
    expect(url!.searchParams.get("login_hint")).toBe("ada@acme.test");

    const back = codeFrom(await post(org.id, respond(sp, request.id), relayState));
    expect(back.url.origin + back.url.pathname).toBe(HOST);
    expect(back.state).toBe("host-state-1");
    expect(back.code).toMatch(/^rc_code_[A-Za-z0-9_-]{43}$/);

    const result = await exchangeSignInCode({ code: back.code!, redirectUri: HOST, organizationScope: null, session: {} });
    expect(result.profile).toMatchObject({ organization_id: org.id, connection_type: "saml", idp_id: "00u1abc", email: "ada@acme.test", first_name: "Ada", last_name: "Lovelace", groups: [] });
    expect(result.account).toMatchObject({ email: "ada@acme.test", source: "jit", created: true });
    expect(result.session?.token).toMatch(/^rc_ses_/);
    // Only the hash of the code is stored.
    const row = await db.signInAttempt.findFirstOrThrow({ where: { organizationId: org.id } });
    expect(JSON.stringify(row)).not.toContain(back.code!);

    // A second use is refused, and it revokes the session the first use issued.
    await expect(exchangeSignInCode({ code: back.code!, redirectUri: HOST, organizationScope: null })).rejects.toThrow(/already used/);
    expect((await db.session.findUniqueOrThrow({ where: { id: result.session!.id } })).revokedAt).not.toBeNull();
  });

  it("sends the AuthnRequest by HTTP-POST (not deflated) when the metadata offers only that binding", async () => {
    const { org, sp } = await samlOrg({ binding: "post" });
    const started = await start(org.id);
    expect(started.step).toMatchObject({ kind: "post", action: "https://idp.test/sso" });
    expect(started.request.xml).toContain("<samlp:AuthnRequest");
    expect(codeFrom(await post(org.id, respond(sp, started.request.id), started.relayState)).code).toMatch(/^rc_code_/);
  });

  it("accepts a Response signed as a whole (Google's default) as well as a signed Assertion", async () => {
    const { org, sp } = await samlOrg();
    const { request, relayState } = await start(org.id);
    expect(codeFrom(await post(org.id, respond(sp, request.id, { sign: "response" }), relayState)).code).toMatch(/^rc_code_/);
  });

  it("keeps working through a certificate rollover: metadata with two certificates, a response signed by the second", async () => {
    const { org, sp } = await samlOrg({ keys: [current, next] });
    const { request, relayState } = await start(org.id);
    expect(codeFrom(await post(org.id, respond(sp, request.id, { key: next }), relayState)).code).toMatch(/^rc_code_/);
  });

  it.each([
    ["a code presented with another redirect_uri", { redirectUri: "https://host.example.com/other" }, /redirect_uri differs/],
    ["a wrong PKCE verifier", { codeVerifier: "x".repeat(43) }, /does not match the code_challenge/],
    ["no PKCE verifier when the sign-in sent a challenge", {}, /code_verifier is required/],
    ["another organization's API key", { organizationScope: "org_someone_else" }, /unknown/],
  ])("refuses %s at the exchange", async (_name, change, message) => {
    const { org, sp } = await samlOrg();
    const verifier = "v".repeat(50);
    const challenge = (await import("node:crypto")).createHash("sha256").update(verifier).digest("base64url");
    const { request, relayState } = await start(org.id, { code_challenge: challenge, code_challenge_method: "S256" });
    const { code } = codeFrom(await post(org.id, respond(sp, request.id), relayState));
    await expect(exchangeSignInCode({ code: code!, redirectUri: HOST, organizationScope: null, ...change })).rejects.toThrow(message);
    if ("organizationScope" in change) {
      // The other organization's refusal did not burn the code.
      expect((await exchangeSignInCode({ code: code!, redirectUri: HOST, codeVerifier: verifier, organizationScope: org.id })).profile.organization_id).toBe(org.id);
    }
  });

  it("refuses an expired code", async () => {
    const { org, sp } = await samlOrg();
    const { request, relayState } = await start(org.id);
    const { code } = codeFrom(await post(org.id, respond(sp, request.id), relayState));
    await db.signInAttempt.updateMany({ where: { organizationId: org.id }, data: { codeExpiresAt: new Date(Date.now() - 1000) } });
    await expect(exchangeSignInCode({ code: code!, redirectUri: HOST, organizationScope: null })).rejects.toThrow(/expired/);
  });
});

/** The signed assertion of a signed response, as a string. */
const assertionOf = (xml: string) => /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(xml)![0];

describe("SAML refusals, each with its exact reason", () => {
  type Case = [name: string, reason: string, build: (ctx: { sp: { entityId: string; acsUrl: string }; id: string; orgId: string }) => Promise<string> | string, setup?: { allowIdpInitiated?: boolean }];
  const cases: Case[] = [
    ["an unsigned response", "unsigned", ({ sp, id }) => respond(sp, id, { sign: "none" })],
    ["a response signed by a certificate we do not have", "unknown_certificate", ({ sp, id }) => respond(sp, id, { key: stranger })],
    ["a NameID edited after signing", "invalid_signature", ({ sp, id }) => respond(sp, id).replace(">00u1abc<", ">00u1evil<")],
    [
      "signature wrapping: the signed assertion moved into <samlp:Extensions>, an unsigned one in its place",
      "invalid_signature",
      ({ sp, id }) => {
        const signed = respond(sp, id);
        const original = assertionOf(signed);
        const evil = original.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, "").replace(/ID="[^"]+"/, 'ID="_evil"').replace(">00u1abc<", ">00u1evil<");
        return signed.replace(original, "").replace("<samlp:Status>", `<samlp:Extensions>${original}</samlp:Extensions><samlp:Status>`).replace("</samlp:Response>", `${evil}</samlp:Response>`);
      },
    ],
    [
      "signature wrapping: the signed assertion carried inside the Signature's <ds:Object>",
      "invalid_signature",
      ({ sp, id }) => {
        const signed = respond(sp, id);
        const original = assertionOf(signed);
        const evil = original.replace(">00u1abc<", ">00u1evil<").replace("</ds:Signature>", `<ds:Object>${original}</ds:Object></ds:Signature>`);
        return signed.replace(original, evil);
      },
    ],
    ["a wrong audience", "wrong_audience", ({ sp, id }) => respond(sp, id, { audience: "https://someone-else.example.com/saml" })],
    ["a wrong Recipient", "wrong_recipient", ({ sp, id }) => respond(sp, id, { recipient: "https://evil.example.com/acs" })],
    ["a wrong Destination", "wrong_destination", ({ sp, id }) => respond(sp, id, { destination: "https://evil.example.com/acs" })],
    ["an expired assertion", "expired", ({ sp, id }) => respond(sp, id, { notBefore: new Date(Date.now() - 20 * 60_000), notOnOrAfter: new Date(Date.now() - 10 * 60_000) })],
    ["an assertion not yet valid (beyond 2 minutes of skew)", "not_yet_valid", ({ sp, id }) => respond(sp, id, { notBefore: new Date(Date.now() + 5 * 60_000), notOnOrAfter: new Date(Date.now() + 10 * 60_000) })],
    ["a wrong Issuer", "wrong_issuer", ({ sp, id }) => respond(sp, id, { issuer: "https://other-idp.test/entity" })],
    ["an unknown InResponseTo", "unknown_in_response_to", ({ sp }) => respond(sp, "_never_requested")],
    ["an unsolicited (IdP-initiated) response", "unsolicited", ({ sp }) => respond(sp, undefined)],
    ["a DOCTYPE", "doctype", ({ sp, id }) => `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "x">]>${respond(sp, id)}`],
    [
      "a replayed assertion (its InResponseTo rewritten to a fresh request; the unsigned envelope allows it)",
      "replayed_assertion",
      async ({ sp, id, orgId }) => {
        const { request, relayState } = await start(orgId);
        const first = respond(sp, request.id, { subjectInResponseTo: false });
        codeFrom(await post(orgId, first, relayState));
        return first.replace(`InResponseTo="${request.id}"`, `InResponseTo="${id}"`);
      },
    ],
    [
      "a second answer to the same request (reused InResponseTo)",
      "in_response_to_reused",
      async ({ sp, id, orgId }) => {
        const { relayState } = await start(orgId);
        void relayState;
        codeFrom(await post(orgId, respond(sp, id), ""));
        return respond(sp, id);
      },
    ],
  ];

  it.each(cases)("refuses %s: %s", async (_name, reason, build, setup) => {
    const { org, sp } = await samlOrg(setup);
    const { request, relayState } = await start(org.id);
    const xml = await build({ sp, id: request.id, orgId: org.id });
    const exit = await post(org.id, xml, relayState);
    const entry = await db.signInAttempt.findFirstOrThrow({ where: { organizationId: org.id, status: "failed" }, orderBy: { id: "desc" } });
    expect(entry.reason).toMatch(new RegExp(`^${reason}: `));
    expect(entry.accountId).toBeNull();
    if (exit.kind === "redirect") {
      const back = codeFrom(exit);
      expect(back.code).toBeNull();
      expect(back.error).toBe("invalid_response");
      expect(back.state).toBe("host-state-1");
      expect(back.description).not.toMatch(/\bat \w|Error:/); // words, not a stack trace
    } else {
      expect(exit.error.reason).toBe(reason);
    }
    expect(await db.account.count({ where: { organizationId: org.id } })).toBe(reason === "replayed_assertion" || reason === "in_response_to_reused" ? 1 : 0);
  });
});

describe("IdP-initiated sign-in on a connection that allows it", () => {
  it("mints no code: it sends the browser to the host's login to start an SP-initiated sign-in", async () => {
    const { org, sp } = await samlOrg({ allowIdpInitiated: true });
    const exit = await post(org.id, respond(sp, undefined), "");
    expect(exit.kind).toBe("redirect");
    const url = new URL((exit as { url: string }).url);
    expect(url.origin + url.pathname).toBe("https://host.example.com/login/sso");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ organization: org.id, login_hint: "ada@acme.test" });
    expect(url.searchParams.get("code")).toBeNull();
    expect(await db.account.count({ where: { organizationId: org.id } })).toBe(0);
    // The same unsolicited response cannot be used twice either.
    const again = await post(org.id, respond(sp, undefined, { assertionId: "_fixed" }), "");
    expect(again.kind).toBe("redirect");
    const replay = await post(org.id, respond(sp, undefined, { assertionId: "_fixed" }), "");
    expect(replay.kind === "page" && replay.error.reason).toBe("replayed_assertion");
  });
});

describe("the portal's test sign-in", () => {
  it("shows what the IdP sent, and the reason in words for a refusal, and creates no account", async () => {
    const { org, sp } = await samlOrg();
    const step = await startTestSignIn({ organizationId: org.id });
    const url = new URL((step as { url: string }).url);
    const request = readAuthnRequest(url.searchParams.get("SAMLRequest")!, "redirect");
    const exit = await post(org.id, respond(sp, request.id), url.searchParams.get("RelayState")!);
    const attemptId = new URL((exit as { url: string }).url).searchParams.get("attempt")!;
    expect((exit as { url: string }).url).toContain("/setup/sso/test?attempt=");
    expect(await getTestSignIn({ organizationId: org.id, attemptId })).toMatchObject({
      status: "succeeded",
      profile: { idp_id: "00u1abc", email: "ada@acme.test", first_name: "Ada", would_create_account: true, raw_attributes: { email: "ada@acme.test" } },
    });
    expect(await db.account.count({ where: { organizationId: org.id } })).toBe(0);

    const second = new URL(((await startTestSignIn({ organizationId: org.id })) as { url: string }).url);
    const refused = await post(org.id, respond(sp, readAuthnRequest(second.searchParams.get("SAMLRequest")!, "redirect").id, { key: stranger }), second.searchParams.get("RelayState")!);
    const refusedId = new URL((refused as { url: string }).url).searchParams.get("attempt")!;
    expect(await getTestSignIn({ organizationId: org.id, attemptId: refusedId })).toMatchObject({
      status: "failed",
      reason: "unknown_certificate",
      message: expect.stringContaining("upload the identity provider's new metadata"),
    });
    // Another organization cannot read this test.
    const other = await samlOrg();
    expect(await getTestSignIn({ organizationId: other.org.id, attemptId })).toBeNull();
  });
});
