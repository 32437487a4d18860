import { X509Certificate } from "node:crypto";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { DomainError } from "@/lib/domain-error";

export type SamlIdpMetadata = {
  entityId: string;
  ssoUrl: string;
  ssoBinding: "redirect" | "post";
  /** The certificate in use now (or the one that expired last): what the portal shows and dates. */
  certificate: SamlCertificate;
  /** Every signing certificate, in the metadata's order: all of them verify sign-ins, so a rollover keeps working. */
  certificates: SamlCertificate[];
};

export type SamlCertificate = { pem: string; notBefore: Date; notAfter: Date; subject: string };

/** Where the XML came from: the messages' hints and the error's field follow it. */
export type SamlMetadataSource = "metadataXml" | "metadataUrl";

/** Real metadata is a few kilobytes (Entra's, with its WS-Federation parts, is about 20 KB). */
export const MAX_METADATA_BYTES = 1024 * 1024;

const SAML2_PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
const BINDINGS = {
  redirect: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect",
  post: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
} as const;
/** SAML 2.0 metadata §2.3.2: entityID is at most 1024 characters. */
const MAX_ENTITY_ID_LENGTH = 1024;

type XmlNode = { [key: string]: XmlNode[] | string | undefined };

// Namespace prefixes vary by vendor (md:, saml:, none), so they are removed and elements are matched by
// local name. Every element comes back as an array, so one code path handles one child or several.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Decodes character references such as &#13; (AD FS puts them inside certificates). Entities declared
  // in a DOCTYPE never reach the parser: such documents are refused first.
  htmlEntities: true,
  isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
});

/**
 * Reads an identity provider's SAML 2.0 metadata: its entity ID, single sign-on URL and signing certificate.
 * Every problem is an INVALID_INPUT DomainError on `source` with a message for the customer's IT admin.
 * The signature on the metadata itself is not checked: the admin vouches for the document they paste or link.
 */
export function parseSamlMetadata(xml: string, { source = "metadataXml" }: { source?: SamlMetadataSource } = {}): SamlIdpMetadata {
  const fail = (message: string): never => {
    throw new DomainError("INVALID_INPUT", message, source);
  };
  const again = source === "metadataUrl" ? "Check the URL, or download the file and paste its XML instead." : "Copy the whole file again, from its first < to its last >.";

  if (typeof xml !== "string") fail("The metadata must be text");
  if (Buffer.byteLength(xml, "utf8") > MAX_METADATA_BYTES) {
    fail(`The metadata is larger than 1 MB, far more than any identity provider's metadata. ${again}`);
  }
  const text = xml.replace(/^\uFEFF/, "").trim();
  if (text === "") fail(source === "metadataUrl" ? "The metadata URL returned an empty document" : "Paste the identity provider's metadata XML");
  if (!text.startsWith("<")) {
    if (/^https?:\/\//i.test(text) && source === "metadataXml") fail("This is a URL, not metadata XML: enter it as the metadata URL instead");
    fail(`This is not XML. SAML metadata is an XML document that starts with <?xml or <EntityDescriptor. ${again}`);
  }
  if (/^(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<!doctype\s+html/i.test(text) || /^(<\?xml[^>]*\?>\s*)?<html[\s>]/i.test(text)) {
    fail(`This is a web page (HTML), not SAML metadata. ${again}`);
  }
  // A DOCTYPE can declare entities that expand to gigabytes ("billion laughs") or read local files.
  // SAML metadata never needs one (SAML 2.0 metadata schema), so any document with one is refused.
  if (/<!DOCTYPE/i.test(text)) fail("The metadata contains a DOCTYPE declaration, which SAML metadata never has; Rollcall refuses it for safety");

  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    fail(`The metadata is not well-formed XML: ${describeXmlError(valid.err)}. It may be cut off or altered. ${again}`);
  }
  let doc: XmlNode;
  try {
    doc = parser.parse(text) as XmlNode;
  } catch (err) {
    return fail(`The metadata is not well-formed XML: ${(err as Error).message}. ${again}`);
  }

  const rootName = Object.keys(doc).find((k) => !k.startsWith("#") && !k.startsWith("@_"));
  if (rootName !== "EntityDescriptor" && rootName !== "EntitiesDescriptor") {
    fail(`This XML is not SAML metadata: it starts with <${rootName ?? "?"}>, where SAML metadata starts with <EntityDescriptor>`);
  }
  const entities = entityDescriptors(doc);
  const idps = entities.filter((e) => children(e, "IDPSSODescriptor").length > 0);
  if (idps.length === 0) {
    if (entities.some((e) => children(e, "SPSSODescriptor").length > 0)) {
      fail("This is a service provider's metadata (it has an SPSSODescriptor), not your identity provider's. Download the metadata of the identity provider (IdP) instead");
    }
    fail("The metadata has no IDPSSODescriptor, so it does not describe a SAML identity provider");
  }
  if (idps.length > 1) fail(`The metadata describes ${idps.length} identity providers; Rollcall needs the metadata of exactly one`);
  const entity = idps[0]!;

  const entityId = attr(entity, "entityID")?.trim();
  if (!entityId) fail("The metadata has no entity ID (the entityID attribute of <EntityDescriptor> is missing or empty)");
  if (entityId!.length > MAX_ENTITY_ID_LENGTH) fail(`The metadata's entity ID is longer than ${MAX_ENTITY_ID_LENGTH} characters, which SAML does not allow`);

  const descriptors = children(entity, "IDPSSODescriptor");
  // Shibboleth lists SAML 1.1 and 2.0 in one descriptor; an IdP offering only SAML 1.x cannot sign users in here.
  const descriptor = descriptors.find((d) => (attr(d, "protocolSupportEnumeration") ?? SAML2_PROTOCOL).split(/\s+/).includes(SAML2_PROTOCOL));
  if (!descriptor) fail("The identity provider's metadata offers only SAML 1.x; Rollcall needs SAML 2.0");

  const { ssoUrl, ssoBinding } = singleSignOnService(descriptor!, fail);
  const certificates = signingCertificates(descriptor!, fail);
  return { entityId: entityId!, ssoUrl, ssoBinding, certificate: currentCertificate(certificates), certificates };
}

function describeXmlError({ msg, line, col }: { msg: string; line: number; col?: number }): string {
  const where = col === undefined ? `line ${line}` : `line ${line}, column ${col}`;
  // fast-xml-parser reports elements left open at the end as "Invalid '[ "a", "b" ]' found".
  const open = /^Invalid '(\[[\s\S]*\])' found/.exec(msg);
  if (open) {
    try {
      const names = JSON.parse(open[1]!) as string[];
      return `it ends while <${names.at(-1)}> is still open`;
    } catch {
      // not the list it usually is: fall through to the parser's own words
    }
  }
  return `${msg.replace(/\.$/, "")} (${where})`;
}

function entityDescriptors(node: XmlNode): XmlNode[] {
  return [...children(node, "EntityDescriptor"), ...children(node, "EntitiesDescriptor").flatMap(entityDescriptors)];
}

function children(node: XmlNode, name: string): XmlNode[] {
  const value = node[name];
  return Array.isArray(value) ? value.map((v) => (typeof v === "string" ? { "#text": v } : v)) : [];
}

function attr(node: XmlNode, name: string): string | undefined {
  const value = node[`@_${name}`];
  return typeof value === "string" ? value : undefined;
}

function text(node: XmlNode): string {
  const value = node["#text"];
  return typeof value === "string" ? value : "";
}

function singleSignOnService(descriptor: XmlNode, fail: (message: string) => never): Pick<SamlIdpMetadata, "ssoUrl" | "ssoBinding"> {
  const services = children(descriptor, "SingleSignOnService");
  // HTTP-Redirect first: it is how a service provider normally sends its AuthnRequest (SAML bindings §3.4).
  for (const binding of ["redirect", "post"] as const) {
    const service = services.find((s) => attr(s, "Binding")?.trim() === BINDINGS[binding]);
    if (!service) continue;
    const location = attr(service, "Location")?.trim() ?? "";
    let url: URL | undefined;
    try {
      url = new URL(location);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
      fail(`The single sign-on URL in the metadata ("${truncate(location, 200)}") is not an http(s) URL`);
    }
    return { ssoUrl: location, ssoBinding: binding };
  }
  return fail("The metadata has no SingleSignOnService with the HTTP-Redirect or HTTP-POST binding, so Rollcall could not send users to sign in");
}

function signingCertificates(descriptor: XmlNode, fail: (message: string) => never): SamlCertificate[] {
  const keys = children(descriptor, "KeyDescriptor");
  const certificatesOf = (list: XmlNode[]) =>
    list.flatMap((k) => children(k, "KeyInfo")).flatMap((i) => children(i, "X509Data")).flatMap((d) => children(d, "X509Certificate")).map(text);
  // SAML 2.0 metadata §2.4.1.1: a KeyDescriptor without `use` serves both signing and encryption.
  let bodies = certificatesOf(keys.filter((k) => attr(k, "use") === "signing"));
  if (bodies.length === 0) bodies = certificatesOf(keys.filter((k) => attr(k, "use") === undefined));
  if (bodies.length === 0) {
    const onlyEncryption = keys.some((k) => attr(k, "use") === "encryption");
    fail(
      `The metadata has no signing certificate${onlyEncryption ? " (it lists only an encryption certificate)" : ""}, so Rollcall could not verify sign-ins. ` +
        "Look for a KeyDescriptor with use=\"signing\" and an X509Certificate in your identity provider's metadata",
    );
  }
  const certificates = bodies.map((body) => readCertificate(body, fail));
  // The same certificate listed twice (once per KeyDescriptor) is kept once.
  return certificates.filter((c, i) => certificates.findIndex((o) => o.pem === c.pem) === i);
}

function currentCertificate(certificates: SamlCertificate[]): SamlCertificate {
  // During a certificate rollover (Entra, AD FS) the metadata lists the current and the next certificate.
  // Take the first one that is valid now; if none is, the one that expired last, so the error can date it.
  const now = Date.now();
  return (
    certificates.find((c) => c.notBefore.getTime() <= now && now <= c.notAfter.getTime()) ??
    certificates.reduce((latest, c) => (c.notAfter > latest.notAfter ? c : latest))
  );
}

function readCertificate(body: string, fail: (message: string) => never): SamlCertificate {
  const base64 = body.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) fail("The signing certificate in the metadata cannot be read: it is not base64-encoded");
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(Buffer.from(base64, "base64"));
  } catch {
    return fail("The signing certificate in the metadata cannot be read: it is not a valid X.509 certificate");
  }
  const notBefore = new Date(cert.validFrom);
  const notAfter = new Date(cert.validTo);
  if (Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime())) fail("The signing certificate in the metadata has unreadable validity dates");
  return { pem: cert.toString(), notBefore, notAfter, subject: cert.subject.split("\n").join(", ") };
}

function truncate(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}
