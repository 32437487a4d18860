import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSamlMetadata } from "./parse-saml-metadata";
import { buildServiceProviderMetadataXml, serviceProviderDetails } from "./service-provider";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

/** The base64 body of the first certificate in a fixture, to build variants around real certificates. */
function certificateIn(name: string): string {
  const match = /<(?:\w+:)?X509Certificate>([^<]+)</.exec(fixture(name));
  return match![1]!.replace(/\s+/g, "");
}
const VALID = certificateIn("okta-metadata.xml");
const EXPIRED = certificateIn("expired-cert-metadata.xml");
const GOOGLE = certificateIn("google-metadata.xml");

const REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
const POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

const key = (cert: string, use?: string) =>
  `<md:KeyDescriptor${use ? ` use="${use}"` : ""}><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
const sso = (binding: string, location = "https://idp.example.com/sso") => `<md:SingleSignOnService Binding="${binding}" Location="${location}"/>`;

/** IdP metadata in Okta's shape, with the parts a test changes. */
function idp({
  entityId = ` entityID="https://idp.example.com/entity"`,
  keys = key(VALID, "signing"),
  services = sso(REDIRECT),
  protocols = "urn:oasis:names:tc:SAML:2.0:protocol",
}: { entityId?: string; keys?: string; services?: string; protocols?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"${entityId}><md:IDPSSODescriptor protocolSupportEnumeration="${protocols}">${keys}${services}</md:IDPSSODescriptor></md:EntityDescriptor>`;
}

describe("parseSamlMetadata: identity providers' metadata", () => {
  it.each([
    [
      "Okta (md: prefix, POST listed before Redirect)",
      fixture("okta-metadata.xml"),
      {
        entityId: "http://www.okta.com/exk1fcia6d6EMsf331d8",
        ssoUrl: "https://dev-12345678.okta.com/app/dev-12345678_rollcall_1/exk1fcia6d6EMsf331d8/sso/saml",
        ssoBinding: "redirect",
        subject: expect.stringContaining("CN=dev-12345678"),
      },
    ],
    [
      "Microsoft Entra ID (unprefixed; Signature and RoleDescriptors with their own keys come first)",
      fixture("entra-metadata.xml"),
      {
        entityId: "https://sts.windows.net/6f1a2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b/",
        ssoUrl: "https://login.microsoftonline.com/6f1a2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b/saml2",
        ssoBinding: "redirect",
        subject: "CN=Microsoft Azure Federated SSO Certificate",
      },
    ],
    [
      "Google Workspace (certificate wrapped over several lines)",
      fixture("google-metadata.xml"),
      {
        entityId: "https://accounts.google.com/o/saml2?idpid=C01abcd2e",
        ssoUrl: "https://accounts.google.com/o/saml2/idp?idpid=C01abcd2e",
        ssoBinding: "redirect",
        subject: expect.stringContaining("O=Google Inc."),
      },
    ],
    [
      "Shibboleth-style (EntitiesDescriptor, encryption key first, signing key without use, POST only)",
      fixture("generic-metadata.xml"),
      { entityId: "https://idp.example.org/idp/shibboleth", ssoUrl: "https://idp.example.org/idp/profile/SAML2/POST/SSO", ssoBinding: "post", subject: "CN=idp.example.org" },
    ],
    [
      "Okta's metadata with saml: as the prefix",
      fixture("okta-metadata.xml").replaceAll("md:", "saml:"),
      { entityId: "http://www.okta.com/exk1fcia6d6EMsf331d8", ssoBinding: "redirect", subject: expect.stringContaining("CN=dev-12345678") },
    ],
    [
      "Okta's metadata without any prefix",
      fixture("okta-metadata.xml").replaceAll("md:", "").replaceAll("ds:", "").replace("xmlns:md=", "xmlns=").replace("xmlns:ds=", "xmlns="),
      { entityId: "http://www.okta.com/exk1fcia6d6EMsf331d8", ssoBinding: "redirect", subject: expect.stringContaining("CN=dev-12345678") },
    ],
  ])("%s", (_name, xml, expected) => {
    const { certificate, ...rest } = parseSamlMetadata(xml);
    const { subject, ...fields } = expected;
    expect(rest).toMatchObject(fields);
    expect(certificate.subject).toEqual(subject);
    expect(certificate.pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/);
    expect(certificate.notAfter.getTime()).toBeGreaterThan(Date.now());
    expect(certificate.notBefore.getTime()).toBeLessThan(certificate.notAfter.getTime());
  });

  it("reads an expired certificate's dates (refusing it is the save's decision)", () => {
    const { certificate } = parseSamlMetadata(fixture("expired-cert-metadata.xml"));
    expect(certificate.notAfter.toISOString()).toBe("2024-03-12T12:00:00.000Z");
    expect(certificate.notBefore.toISOString()).toBe("2023-03-12T12:00:00.000Z");
    expect(certificate.subject).toBe("CN=dev-87654321, O=Okta");
  });

  it.each([
    ["an encryption key before the signing key", key(GOOGLE, "encryption") + key(VALID, "signing"), "CN=dev-12345678"],
    ["a key without use before the signing key", key(GOOGLE) + key(VALID, "signing"), "CN=dev-12345678"],
    ["an encryption key and a key without use", key(GOOGLE, "encryption") + key(VALID), "CN=dev-12345678"],
    ["a rollover: the expired certificate first, the current one second", key(EXPIRED, "signing") + key(VALID, "signing"), "CN=dev-12345678"],
    ["a rollover: the current certificate first, the next one second", key(VALID, "signing") + key(GOOGLE, "signing"), "CN=dev-12345678"],
    ["only expired certificates: the one that expired last", key(EXPIRED, "signing"), "CN=dev-87654321"],
  ])("picks the signing certificate from %s", (_name, keys, subject) => {
    expect(parseSamlMetadata(idp({ keys })).certificate.subject).toContain(subject);
  });

  it("keeps every signing certificate, in order and without repeats, so a rollover keeps verifying", () => {
    const parsed = parseSamlMetadata(idp({ keys: key(VALID, "signing") + key(GOOGLE, "signing") + key(VALID, "signing") + key(EXPIRED, "encryption") }));
    expect(parsed.certificates.map((c) => c.subject)).toEqual([expect.stringContaining("CN=dev-12345678"), expect.stringContaining("O=Google Inc.")]);
    expect(parsed.certificate.subject).toContain("CN=dev-12345678");
  });

  it("prefers HTTP-Redirect and falls back to HTTP-POST, ignoring other bindings", () => {
    const artifact = sso("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact", "https://idp.example.com/artifact");
    expect(parseSamlMetadata(idp({ services: artifact + sso(POST, "https://idp.example.com/post") + sso(REDIRECT, "https://idp.example.com/redirect") }))).toMatchObject({
      ssoUrl: "https://idp.example.com/redirect",
      ssoBinding: "redirect",
    });
    expect(parseSamlMetadata(idp({ services: artifact + sso(POST, "https://idp.example.com/post") }))).toMatchObject({ ssoUrl: "https://idp.example.com/post", ssoBinding: "post" });
  });

  it("decodes character references (AD FS puts &#13; inside certificates) and a byte-order mark", () => {
    const wrapped = VALID.replace(/(.{64})/g, "$1&#13;\n");
    const xml = `\uFEFF${idp({ keys: key(wrapped, "signing"), services: sso(REDIRECT, "https://idp.example.com/sso?a=1&amp;b=2") })}`;
    const parsed = parseSamlMetadata(xml);
    expect(parsed.ssoUrl).toBe("https://idp.example.com/sso?a=1&b=2");
    expect(parsed.certificate.subject).toContain("CN=dev-12345678");
  });
});

describe("parseSamlMetadata: refusals, each with its message at the field", () => {
  const spMetadata = buildServiceProviderMetadataXml(serviceProviderDetails("org_123", "https://rollcall.example.com"));
  const billionLaughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="&lol2;"/>`;

  it.each([
    ["empty input", "   ", /^Paste the identity provider's metadata XML$/],
    ["plain text", "hello, this is our metadata", /^This is not XML\. SAML metadata is an XML document/],
    ["JSON", '{"issuer":"https://idp.example.com"}', /^This is not XML/],
    ["a URL pasted into the XML field", "https://idp.example.com/metadata", /^This is a URL, not metadata XML: enter it as the metadata URL instead$/],
    ["metadata cut off part-way (broken-metadata.xml)", fixture("broken-metadata.xml"), /^The metadata is not well-formed XML: it ends while <ds:X509Certificate> is still open\. It may be cut off or altered\. Copy the whole file again/],
    ["mismatched tags", idp().replace("</md:IDPSSODescriptor>", "</md:IDPSSODescriptorr>"), /^The metadata is not well-formed XML: .*IDPSSODescriptor.*\(line 1, column \d+\)/],
    ["a web page", "<!DOCTYPE html><html><head><title>Sign in</title></head><body>Sign in</body></html>", /^This is a web page \(HTML\), not SAML metadata/],
    ["a DOCTYPE with entities (billion laughs)", billionLaughs, /^The metadata contains a DOCTYPE declaration, which SAML metadata never has/],
    ["more than 1 MB", idp().replace("<md:IDPSSODescriptor", `<!--${"x".repeat(1024 * 1024)}--><md:IDPSSODescriptor`), /^The metadata is larger than 1 MB/],
    ["another XML document", `<?xml version="1.0"?><rss version="2.0"><channel/></rss>`, /^This XML is not SAML metadata: it starts with <rss>, where SAML metadata starts with <EntityDescriptor>$/],
    ["service-provider metadata (our own)", spMetadata, /^This is a service provider's metadata \(it has an SPSSODescriptor\), not your identity provider's/],
    ["an EntityDescriptor with no IdP role", `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"><AttributeAuthorityDescriptor/></EntityDescriptor>`, /^The metadata has no IDPSSODescriptor, so it does not describe a SAML identity provider$/],
    ["two identity providers", `<EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata">${idp().replace(/^<\?xml[^>]*>/, "")}${idp().replace(/^<\?xml[^>]*>/, "")}</EntitiesDescriptor>`, /^The metadata describes 2 identity providers/],
    ["no entityID", idp({ entityId: "" }), /^The metadata has no entity ID/],
    ["a blank entityID", idp({ entityId: ' entityID="  "' }), /^The metadata has no entity ID/],
    ["an entityID over 1024 characters", idp({ entityId: ` entityID="https://idp.example.com/${"e".repeat(1024)}"` }), /^The metadata's entity ID is longer than 1024 characters/],
    ["SAML 1.1 only", idp({ protocols: "urn:oasis:names:tc:SAML:1.1:protocol" }), /^The identity provider's metadata offers only SAML 1\.x; Rollcall needs SAML 2\.0$/],
    ["no SingleSignOnService", idp({ services: "" }), /^The metadata has no SingleSignOnService with the HTTP-Redirect or HTTP-POST binding/],
    ["only the SOAP binding", idp({ services: sso("urn:oasis:names:tc:SAML:2.0:bindings:SOAP") }), /^The metadata has no SingleSignOnService with the HTTP-Redirect or HTTP-POST binding/],
    ["a javascript: SSO URL", idp({ services: sso(REDIRECT, "javascript:alert(1)") }), /^The single sign-on URL in the metadata \("javascript:alert\(1\)"\) is not an http\(s\) URL$/],
    ["a relative SSO URL", idp({ services: sso(POST, "/saml/sso") }), /^The single sign-on URL in the metadata \("\/saml\/sso"\) is not an http\(s\) URL$/],
    ["no KeyDescriptor", idp({ keys: "" }), /^The metadata has no signing certificate, so Rollcall could not verify sign-ins/],
    ["only an encryption certificate", idp({ keys: key(VALID, "encryption") }), /^The metadata has no signing certificate \(it lists only an encryption certificate\)/],
    ["a certificate that is not base64", idp({ keys: key("this is not a certificate!", "signing") }), /^The signing certificate in the metadata cannot be read: it is not base64-encoded$/],
    ["base64 that is not a certificate", idp({ keys: key(Buffer.from("hello world, not DER").toString("base64"), "signing") }), /^The signing certificate in the metadata cannot be read: it is not a valid X\.509 certificate$/],
    ["a truncated certificate", idp({ keys: key(VALID.slice(0, 400), "signing") }), /^The signing certificate in the metadata cannot be read: it is not a valid X\.509 certificate$/],
  ])("refuses %s", (_name, xml, message) => {
    let error: unknown;
    try {
      parseSamlMetadata(xml);
    } catch (err) {
      error = err;
    }
    expect(error).toMatchObject({ name: "DomainError", code: "INVALID_INPUT", field: "metadataXml" });
    expect((error as Error).message).toMatch(message);
  });

  it("names the metadataUrl field, with a hint for a URL, when the XML was downloaded", () => {
    expect(() => parseSamlMetadata("<html><body>Sign in to continue</body></html>", { source: "metadataUrl" })).toThrow(
      expect.objectContaining({ field: "metadataUrl", message: "This is a web page (HTML), not SAML metadata. Check the URL, or download the file and paste its XML instead." }),
    );
    expect(() => parseSamlMetadata(fixture("broken-metadata.xml"), { source: "metadataUrl" })).toThrow(expect.objectContaining({ field: "metadataUrl" }));
  });

  it.each(["<!doctype x [<!ENTITY a 'b'>]>", "<!DocType x [<!ENTITY a 'b'>]>", "<!DOCTYPE x SYSTEM 'file:///etc/passwd'>"])("refuses the DOCTYPE %s in any letter case", (doctype) => {
    expect(() => parseSamlMetadata(`<?xml version="1.0"?>\n${doctype}${idp().replace(/^<\?xml[^>]*>/, "")}`)).toThrow(/DOCTYPE declaration/);
  });
});
