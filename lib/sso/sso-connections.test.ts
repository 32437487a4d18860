import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "@/lib/db/sql";
import { openSecret } from "@/lib/events/secret-box";
import { createOrganization } from "@/lib/organizations/create-organization";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { startTestHttpServer, type TestHttpServer } from "@/lib/testing/test-http-server";
import { getSsoConnection } from "./get-sso-connection";
import { saveOidcConnection } from "./save-oidc-connection";
import { saveSamlConnection } from "./save-saml-connection";
import { rejectionOf } from "@/lib/testing/rejection-of";

// Client secrets are sealed with this key, not one written into the checkout's .data/.
process.env.SECRET_KEY ??= randomBytes(32).toString("hex");

setupTestDatabase();

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");
const OKTA = fixture("okta-metadata.xml");
const EXPIRED = fixture("expired-cert-metadata.xml");
const BROKEN = fixture("broken-metadata.xml");
const SECRET = "okta-client-secret-Zx81_QmP0vL3";

type Row = Record<string, unknown> & { id: string; protocol: string; oidcClientSecret: string | null; updatedAt: Date };
async function rowOf(organizationId: string): Promise<Row | undefined> {
  const [row] = await sql.query<Row>(`SELECT * FROM "SsoConnection" WHERE "organizationId" = $1`, [organizationId]);
  return row;
}

let counter = 0;
async function newOrg() {
  const slug = `sso-${Date.now().toString(36)}-${(counter++).toString(36)}`;
  return createOrganization({ name: slug, slug });
}

/** Okta-shaped metadata around a certificate made now with openssl, valid for `days` days. */
function metadataWithCertificateFor(days: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), "rollcall-cert-"));
  try {
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem"), "-subj", "/CN=soon.example.com", "-days", String(days)], { stdio: "ignore" });
    const body = readFileSync(path.join(dir, "cert.pem"), "utf8").replace(/-----[A-Z ]+-----|\s/g, "");
    return OKTA.replace(/<ds:X509Certificate>[^<]+</, `<ds:X509Certificate>${body}<`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let idp: TestHttpServer;
beforeAll(async () => {
  idp = await startTestHttpServer((req, res, base) => {
    if (req.url === "/app/metadata") return res.writeHead(200, { "content-type": "application/samlmetadata+xml" }).end(fixture("google-metadata.xml"));
    if (req.url === "/app/expired") return res.writeHead(200, { "content-type": "application/samlmetadata+xml" }).end(EXPIRED);
    if (req.url === "/oauth2/default/.well-known/openid-configuration") {
      const issuer = `${base}/oauth2/default`;
      return res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({ issuer, authorization_endpoint: `${issuer}/v1/authorize`, token_endpoint: `${issuer}/v1/token`, jwks_uri: `${issuer}/v1/keys`, userinfo_endpoint: `${issuer}/v1/userinfo` }),
      );
    }
    res.writeHead(404).end();
  });
});
afterAll(() => idp.close());

describe("saveSamlConnection", () => {
  it("stores pasted metadata and returns the connection's view", async () => {
    const org = await newOrg();
    const view = await saveSamlConnection({ organizationId: org.id, provider: "okta", metadataXml: OKTA });
    expect(view).toMatchObject({
      id: expect.stringMatching(/^sso_/),
      organizationId: org.id,
      provider: "okta",
      protocol: "saml",
      idpEntityId: "http://www.okta.com/exk1fcia6d6EMsf331d8",
      idpSsoUrl: "https://dev-12345678.okta.com/app/dev-12345678_rollcall_1/exk1fcia6d6EMsf331d8/sso/saml",
      metadataUrl: null,
      certificate: { subject: expect.stringContaining("CN=dev-12345678"), notBefore: expect.any(Date), expiresAt: expect.any(Date) },
    });
    expect(view.protocol === "saml" && view.certificate.expiresAt.getTime()).toBeGreaterThan(Date.now() + 365 * 86_400_000);

    const row = await rowOf(org.id);
    expect(row).toMatchObject({ id: view.id, protocol: "saml", samlIdpEntityId: "http://www.okta.com/exk1fcia6d6EMsf331d8", oidcIssuer: null, oidcClientSecret: null });
    expect(row!.samlIdpCertificates).toEqual([expect.stringMatching(/^-----BEGIN CERTIFICATE-----/)]);
    expect(row).toMatchObject({ samlIdpSsoBinding: "redirect", allowIdpInitiated: false });
    expect(await getSsoConnection({ organizationId: org.id })).toEqual(view);
  });

  it("keeps every unexpired signing certificate (a rollover) and the HTTP-POST binding, and the IdP-initiated choice", async () => {
    const org = await newOrg();
    const next = metadataWithCertificateFor(400).match(/<ds:X509Certificate>([^<]+)</)![1]!;
    const expired = EXPIRED.match(/<ds:X509Certificate>([^<]+)</)![1]!;
    const extraKey = (body: string) => `<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${body}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
    const xml = OKTA.replace(/(<md:KeyDescriptor)/, `${extraKey(expired)}$1`)
      .replace(/(<\/md:KeyDescriptor>)(?![\s\S]*<\/md:KeyDescriptor>)/, `$1${extraKey(next)}`)
      .replace(/<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"[^>]*\/>/, "");
    const view = await saveSamlConnection({ organizationId: org.id, provider: "okta", metadataXml: xml, allowIdpInitiated: true });
    expect(view).toMatchObject({ protocol: "saml", idpSsoBinding: "post", allowIdpInitiated: true, certificate: { subject: expect.stringContaining("CN=dev-12345678") } });
    const row = await rowOf(org.id);
    expect(row!.samlIdpCertificates).toHaveLength(2); // the expired one is not kept
    expect(view.protocol === "saml" && view.certificates.map((c) => c.subject)).toEqual([expect.stringContaining("CN=dev-12345678"), "CN=soon.example.com"]);

    // Saving new metadata without saying otherwise keeps the IdP-initiated choice.
    expect(await saveSamlConnection({ organizationId: org.id, provider: "okta", metadataXml: OKTA })).toMatchObject({ allowIdpInitiated: true, idpSsoBinding: "redirect" });
  });

  it("downloads metadata from a URL and keeps the URL", async () => {
    const org = await newOrg();
    const view = await saveSamlConnection({ organizationId: org.id, provider: "google", metadataUrl: `${idp.url}/app/metadata`, metadataXml: "  " });
    expect(view).toMatchObject({ protocol: "saml", provider: "google", idpEntityId: "https://accounts.google.com/o/saml2?idpid=C01abcd2e", metadataUrl: `${idp.url}/app/metadata` });
  });

  it("accepts a certificate that expires in a few days, and shows the date", async () => {
    const org = await newOrg();
    const view = await saveSamlConnection({ organizationId: org.id, provider: "generic", metadataXml: metadataWithCertificateFor(5) });
    const expiresAt = view.protocol === "saml" ? view.certificate.expiresAt.getTime() : 0;
    expect(expiresAt).toBeGreaterThan(Date.now() + 4 * 86_400_000);
    expect(expiresAt).toBeLessThan(Date.now() + 6 * 86_400_000);
  });

  it.each([
    ["an expired certificate, pasted", { provider: "okta", metadataXml: EXPIRED }, "metadataXml", "The signing certificate expired on 12 March 2024; download fresh metadata from Okta"],
    ["an expired certificate, from a URL", { provider: "entra", metadataUrl: "IDP/app/expired" }, "metadataUrl", "The signing certificate expired on 12 March 2024; download fresh metadata from Microsoft Entra ID"],
    ["an expired certificate, generic provider", { provider: "generic", metadataXml: EXPIRED }, "metadataXml", "The signing certificate expired on 12 March 2024; download fresh metadata from your identity provider"],
    ["broken metadata", { provider: "okta", metadataXml: BROKEN }, "metadataXml", /^The metadata is not well-formed XML/],
    ["a metadata URL that answers 404", { provider: "okta", metadataUrl: "IDP/app/missing" }, "metadataUrl", "The metadata URL answered 404 Not Found: check the URL"],
    ["neither XML nor URL", { provider: "okta", metadataXml: "", metadataUrl: " " }, "metadataXml", "Paste the identity provider's metadata XML, or enter the URL it can be downloaded from"],
    ["both XML and URL", { provider: "okta", metadataXml: OKTA, metadataUrl: "IDP/app/metadata" }, "metadataXml", "Give either the metadata XML or its URL, not both"],
    ["an unknown provider", { provider: "ping", metadataXml: OKTA }, "provider", "Choose your identity provider"],
  ])("refuses %s and changes nothing", async (_name, input, field, message) => {
    const org = await newOrg();
    const before = await saveOidcConnection({ organizationId: org.id, provider: "okta", issuer: `${idp.url}/oauth2/default`, clientId: "0oa1", clientSecret: SECRET });
    const rowBefore = await rowOf(org.id);
    const withUrl = { ...input, ...("metadataUrl" in input ? { metadataUrl: input.metadataUrl.replace("IDP", idp.url) } : {}) };
    const error = await rejectionOf(saveSamlConnection({ organizationId: org.id, ...withUrl } as Parameters<typeof saveSamlConnection>[0]));
    expect(error).toMatchObject({ code: "INVALID_INPUT", field });
    expect(error.message).toEqual(typeof message === "string" ? message : expect.stringMatching(message));
    expect(await rowOf(org.id)).toEqual(rowBefore);
    expect(await getSsoConnection({ organizationId: org.id })).toEqual(before);
  });

  it("saves nothing for an organization that has no connection yet when the metadata is bad", async () => {
    const org = await newOrg();
    await expect(saveSamlConnection({ organizationId: org.id, provider: "okta", metadataXml: EXPIRED })).rejects.toMatchObject({ field: "metadataXml" });
    await expect(saveSamlConnection({ organizationId: org.id, provider: "okta", metadataXml: BROKEN })).rejects.toMatchObject({ field: "metadataXml" });
    expect(await rowOf(org.id)).toBeUndefined();
    expect(await getSsoConnection({ organizationId: org.id })).toBeNull();
  });

  it("refuses an unknown organization", async () => {
    await expect(saveSamlConnection({ organizationId: "org_missing", provider: "okta", metadataXml: OKTA })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("saveOidcConnection", () => {
  it("stores the issuer's endpoints and the client secret sealed, never in clear", async () => {
    const org = await newOrg();
    const issuer = `${idp.url}/oauth2/default`;
    const view = await saveOidcConnection({ organizationId: org.id, provider: "okta", issuer: `${issuer}/`, clientId: " 0oa1b2c3 ", clientSecret: ` ${SECRET} ` });
    expect(view).toEqual({
      id: expect.stringMatching(/^sso_/),
      organizationId: org.id,
      provider: "okta",
      protocol: "oidc",
      issuer,
      clientId: "0oa1b2c3",
      hasClientSecret: true,
      endpoints: { issuer, authorizationEndpoint: `${issuer}/v1/authorize`, tokenEndpoint: `${issuer}/v1/token`, jwksUri: `${issuer}/v1/keys`, userinfoEndpoint: `${issuer}/v1/userinfo` },
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
    });
    expect(JSON.stringify(view)).not.toContain(SECRET);

    const row = await rowOf(org.id);
    expect(row!.oidcClientSecret).toMatch(/^v1\./);
    expect(row!.oidcClientSecret).not.toContain(SECRET);
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(openSecret(row!.oidcClientSecret!, view.id)).toBe(SECRET);
    expect(await getSsoConnection({ organizationId: org.id })).toEqual(view);
  });

  it("keeps the stored secret when it is left out for the same client ID, and only then", async () => {
    const org = await newOrg();
    const issuer = `${idp.url}/oauth2/default`;
    await expect(saveOidcConnection({ organizationId: org.id, provider: "okta", issuer, clientId: "0oa1" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      field: "clientSecret",
      message: "Enter the client secret that Okta shows with this client ID",
    });
    expect(await rowOf(org.id)).toBeUndefined();

    const first = await saveOidcConnection({ organizationId: org.id, provider: "okta", issuer, clientId: "0oa1", clientSecret: SECRET });
    const sealed = (await rowOf(org.id))!.oidcClientSecret;
    const again = await saveOidcConnection({ organizationId: org.id, provider: "okta", issuer, clientId: "0oa1", clientSecret: "" });
    expect(again).toMatchObject({ id: first.id, hasClientSecret: true });
    expect((await rowOf(org.id))!.oidcClientSecret).toBe(sealed);

    await expect(saveOidcConnection({ organizationId: org.id, provider: "okta", issuer, clientId: "0oa2-new-app" })).rejects.toMatchObject({ field: "clientSecret" });
    expect((await rowOf(org.id))!.oidcClientId).toBe("0oa1");
  });

  it.each([
    ["a wrong issuer (a loopback URL that answers 404)", { issuer: "IDP/oauth2/wrong" }, "issuer", "The issuer answered 404 Not Found at IDP/oauth2/wrong/.well-known/openid-configuration: check the issuer URL"],
    ["a plain-http issuer", { issuer: "http://idp.example.com" }, "issuer", "The issuer must start with https:// (an http:// address is not protected in transit)"],
    ["a blank issuer", { issuer: "  " }, "issuer", "Enter the issuer URL, like https://acme.okta.com"],
    ["a blank client ID", { clientId: "" }, "clientId", "Enter the client ID"],
  ])("refuses %s and changes nothing", async (_name, change, field, message) => {
    const org = await newOrg();
    const before = await saveSamlConnection({ organizationId: org.id, provider: "okta", metadataXml: OKTA });
    const rowBefore = await rowOf(org.id);
    const input = { organizationId: org.id, provider: "okta" as const, issuer: `${idp.url}/oauth2/default`, clientId: "0oa1", clientSecret: SECRET, ...change };
    const error = await rejectionOf(saveOidcConnection({ ...input, issuer: input.issuer.replace("IDP", idp.url) }));
    expect(error).toMatchObject({ code: "INVALID_INPUT", field, message: message.replaceAll("IDP", idp.url) });
    expect(await rowOf(org.id)).toEqual(rowBefore);
    expect(await getSsoConnection({ organizationId: org.id })).toEqual(before);
  });
});

describe("replacing one protocol with the other", () => {
  it("SAML → OIDC clears the SAML columns, OIDC → SAML clears the OIDC ones, and the id stays", async () => {
    const org = await newOrg();
    const saml = await saveSamlConnection({ organizationId: org.id, provider: "okta", metadataUrl: `${idp.url}/app/metadata` });

    const oidc = await saveOidcConnection({ organizationId: org.id, provider: "entra", issuer: `${idp.url}/oauth2/default`, clientId: "0oa1", clientSecret: SECRET });
    expect(oidc).toMatchObject({ id: saml.id, protocol: "oidc", provider: "entra" });
    expect(await rowOf(org.id)).toMatchObject({
      samlIdpEntityId: null,
      samlIdpSsoUrl: null,
      samlIdpCertificates: [],
      samlIdpSsoBinding: null,
      samlCertificateExpiresAt: null,
      samlMetadataUrl: null,
      oidcClientId: "0oa1",
    });

    const back = await saveSamlConnection({ organizationId: org.id, provider: "okta", metadataXml: OKTA });
    expect(back).toMatchObject({ id: saml.id, protocol: "saml", metadataUrl: null });
    expect(await rowOf(org.id)).toMatchObject({ oidcIssuer: null, oidcClientId: null, oidcClientSecret: null, oidcDiscovery: null });

    // The secret went with the OIDC configuration: switching back needs it again.
    await expect(saveOidcConnection({ organizationId: org.id, provider: "okta", issuer: `${idp.url}/oauth2/default`, clientId: "0oa1" })).rejects.toMatchObject({ field: "clientSecret" });
  });
});

describe("tenant isolation", () => {
  it("never returns or changes another organization's connection", async () => {
    const a = await newOrg();
    const b = await newOrg();
    const bView = await saveOidcConnection({ organizationId: b.id, provider: "okta", issuer: `${idp.url}/oauth2/default`, clientId: "b-client", clientSecret: SECRET });
    expect(await getSsoConnection({ organizationId: a.id })).toBeNull();

    // A keeps nothing of B's: B's secret cannot be "kept" by A's save, and A's save leaves B alone.
    await expect(saveOidcConnection({ organizationId: a.id, provider: "okta", issuer: `${idp.url}/oauth2/default`, clientId: "b-client" })).rejects.toMatchObject({ field: "clientSecret" });
    const aView = await saveSamlConnection({ organizationId: a.id, provider: "okta", metadataXml: OKTA });
    expect(aView.id).not.toBe(bView.id);
    expect(await getSsoConnection({ organizationId: a.id })).toEqual(aView);
    expect(await getSsoConnection({ organizationId: b.id })).toEqual(bView);
    // B's secret is sealed to B's row: copied into A's row it would not open.
    const bSealed = (await rowOf(b.id))!.oidcClientSecret!;
    expect(() => openSecret(bSealed, aView.id)).toThrow();
  });
});
