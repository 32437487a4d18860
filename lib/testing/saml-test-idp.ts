// A SAML 2.0 identity provider for tests: its keys are made at test time with openssl (nothing private is
// committed), its metadata is real SAML metadata, and its responses are signed with xml-crypto (exclusive
// c14n, rsa-sha256, an enveloped signature placed after <saml:Issuer>), as Okta and Entra sign them.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inflateRawSync } from "node:zlib";
import { SignedXml } from "xml-crypto";

export type TestKeyPair = { privateKey: string; certificate: string; body: string };

/** A fresh RSA key and self-signed certificate, valid from yesterday for `days` days. */
export function makeTestKeyPair(commonName = "test-idp.example.com", days = 365): TestKeyPair {
  const dir = mkdtempSync(path.join(tmpdir(), "rollcall-saml-idp-"));
  try {
    const key = path.join(dir, "key.pem");
    const cert = path.join(dir, "cert.pem");
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-subj", `/CN=${commonName}`, "-days", String(days)], { stdio: "ignore" });
    const certificate = readFileSync(cert, "utf8");
    return { privateKey: readFileSync(key, "utf8"), certificate, body: certificate.replace(/-----[A-Z ]+-----|\s/g, "") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
export const EMAIL_FORMAT = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

/** IdP metadata listing `keys` as signing certificates, with one SingleSignOnService of `binding`. */
export function idpMetadata({ entityId, ssoUrl, keys, binding = "redirect" }: { entityId: string; ssoUrl: string; keys: TestKeyPair[]; binding?: "redirect" | "post" }): string {
  const descriptors = keys
    .map((k) => `<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${k.body}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`)
    .join("");
  const bindingUrn = binding === "post" ? "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" : "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
  return `<?xml version="1.0" encoding="UTF-8"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entityId}"><md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${descriptors}<md:NameIDFormat>${PERSISTENT}</md:NameIDFormat><md:SingleSignOnService Binding="${bindingUrn}" Location="${ssoUrl}"/></md:IDPSSODescriptor></md:EntityDescriptor>`;
}

export type ResponseOptions = {
  issuer: string;
  audience: string;
  acsUrl: string;
  /** The AuthnRequest's ID; omit for an unsolicited (IdP-initiated) response. */
  inResponseTo?: string;
  nameId: string;
  nameIdFormat?: string;
  attributes?: Record<string, string | string[]>;
  key: TestKeyPair;
  /** What carries the signature: the Assertion (Okta, Entra), the Response (Google), or nothing. */
  sign?: "assertion" | "response" | "none";
  recipient?: string;
  destination?: string | null;
  notBefore?: Date;
  notOnOrAfter?: Date;
  assertionId?: string;
  /** Put the InResponseTo on SubjectConfirmationData too (true by default, as real IdPs do). */
  subjectInResponseTo?: boolean;
};

const escape = (v: string) => v.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** A SAML Response as XML, signed as asked. Tests tamper with the string afterwards. */
export function samlResponseXml(o: ResponseOptions): string {
  const now = new Date();
  const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");
  const notBefore = o.notBefore ?? new Date(now.getTime() - 60_000);
  const notOnOrAfter = o.notOnOrAfter ?? new Date(now.getTime() + 5 * 60_000);
  const assertionId = o.assertionId ?? `_a${randomBytes(16).toString("hex")}`;
  const irt = o.inResponseTo ? ` InResponseTo="${escape(o.inResponseTo)}"` : "";
  const subjectIrt = o.inResponseTo && o.subjectInResponseTo !== false ? ` InResponseTo="${escape(o.inResponseTo)}"` : "";
  const destination = o.destination === null ? "" : ` Destination="${escape(o.destination ?? o.acsUrl)}"`;
  const attributes = Object.entries(o.attributes ?? {})
    .map(([name, value]) => `<saml:Attribute Name="${escape(name)}">${(Array.isArray(value) ? value : [value]).map((v) => `<saml:AttributeValue>${escape(v)}</saml:AttributeValue>`).join("")}</saml:Attribute>`)
    .join("");
  const assertion =
    `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${assertionId}" Version="2.0" IssueInstant="${iso(now)}">` +
    `<saml:Issuer>${escape(o.issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="${o.nameIdFormat ?? PERSISTENT}">${escape(o.nameId)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData${subjectIrt} NotOnOrAfter="${iso(notOnOrAfter)}" Recipient="${escape(o.recipient ?? o.acsUrl)}"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${iso(notBefore)}" NotOnOrAfter="${iso(notOnOrAfter)}"><saml:AudienceRestriction><saml:Audience>${escape(o.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${iso(now)}" SessionIndex="_s${randomBytes(8).toString("hex")}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    (attributes ? `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` : "") +
    `</saml:Assertion>`;
  const response =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r${randomBytes(16).toString("hex")}" Version="2.0" IssueInstant="${iso(now)}"${destination}${irt}>` +
    `<saml:Issuer>${escape(o.issuer)}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>${assertion}</samlp:Response>`;
  const sign = o.sign ?? "assertion";
  if (sign === "none") return response;
  const target = sign === "assertion" ? "Assertion" : "Response";
  const signer = new SignedXml({
    privateKey: o.key.privateKey,
    publicCert: o.key.certificate,
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  signer.addReference({
    xpath: `//*[local-name(.)='${target}']`,
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
  });
  signer.computeSignature(response, { location: { reference: `//*[local-name(.)='${target}']/*[local-name(.)='Issuer']`, action: "after" } });
  return signer.getSignedXml();
}

export const toSamlResponseParam = (xml: string) => Buffer.from(xml, "utf8").toString("base64");

/** Reads an AuthnRequest as the HTTP-Redirect binding carries it (deflated) or HTTP-POST (plain base64). */
export function readAuthnRequest(samlRequest: string, binding: "redirect" | "post"): { id: string; acsUrl: string | null; issuer: string | null; xml: string } {
  const bytes = Buffer.from(samlRequest, "base64");
  const xml = (binding === "redirect" ? inflateRawSync(bytes) : bytes).toString("utf8");
  return {
    id: /\sID="([^"]+)"/.exec(xml)?.[1] ?? "",
    acsUrl: /AssertionConsumerServiceURL="([^"]+)"/.exec(xml)?.[1] ?? null,
    issuer: /<(?:\w+:)?Issuer[^>]*>([^<]+)</.exec(xml)?.[1] ?? null,
    xml,
  };
}
