import { X509Certificate } from "node:crypto";
import type { DirectoryProvider, SsoConnection } from "@/lib/db/generated/client";
import type { OidcDiscovery } from "./discover-oidc-issuer";

type SsoConnectionBase = {
  id: string;
  organizationId: string;
  provider: DirectoryProvider;
  createdAt: Date;
  updatedAt: Date;
};

export type SamlConnectionView = SsoConnectionBase & {
  protocol: "saml";
  /** The identity provider's entity ID (its "issuer" in assertions). */
  idpEntityId: string;
  idpSsoUrl: string;
  /** Set when the metadata was fetched from a URL rather than pasted. */
  metadataUrl: string | null;
  /** The certificate in use now: the first stored one valid today, else the first. */
  certificate: { subject: string; notBefore: Date; expiresAt: Date };
  /** Every stored signing certificate (two during a rollover). */
  certificates: { subject: string; notBefore: Date; expiresAt: Date }[];
  idpSsoBinding: "redirect" | "post";
  allowIdpInitiated: boolean;
};

export type OidcConnectionView = SsoConnectionBase & {
  protocol: "oidc";
  issuer: string;
  clientId: string;
  /** The secret itself never leaves the database, not even to the console. */
  hasClientSecret: boolean;
  endpoints: OidcDiscovery;
};

export type SsoConnectionView = SamlConnectionView | OidcConnectionView;

export function toSsoConnectionView(row: SsoConnection): SsoConnectionView {
  const base: SsoConnectionBase = { id: row.id, organizationId: row.organizationId, provider: row.provider, createdAt: row.createdAt, updatedAt: row.updatedAt };
  if (row.protocol === "saml") {
    const certificates = row.samlIdpCertificates.map(readCertificate);
    const now = Date.now();
    const inUse = certificates.find((c) => c.notBefore.getTime() <= now && now <= c.expiresAt.getTime()) ?? certificates[0];
    const certificate = inUse ? { ...inUse, expiresAt: row.samlCertificateExpiresAt ?? inUse.expiresAt } : { subject: "", notBefore: new Date(0), expiresAt: row.samlCertificateExpiresAt ?? new Date(0) };
    return {
      ...base,
      protocol: "saml",
      idpEntityId: row.samlIdpEntityId ?? "",
      idpSsoUrl: row.samlIdpSsoUrl ?? "",
      idpSsoBinding: row.samlIdpSsoBinding ?? "redirect",
      metadataUrl: row.samlMetadataUrl,
      certificate,
      certificates,
      allowIdpInitiated: row.allowIdpInitiated,
    };
  }
  return {
    ...base,
    protocol: "oidc",
    issuer: row.oidcIssuer ?? "",
    clientId: row.oidcClientId ?? "",
    hasClientSecret: row.oidcClientSecret !== null && row.oidcClientSecret !== "",
    endpoints: toOidcDiscovery(row.oidcDiscovery, row.oidcIssuer ?? ""),
  };
}

function readCertificate(pem: string): SamlConnectionView["certificate"] {
  try {
    const cert = new X509Certificate(pem);
    return { subject: cert.subject.split("\n").join(", "), notBefore: new Date(cert.validFrom), expiresAt: new Date(cert.validTo) };
  } catch {
    // Only a row written by hand could get here; show what the columns hold rather than fail the page.
    return { subject: "", notBefore: new Date(0), expiresAt: new Date(0) };
  }
}

function toOidcDiscovery(json: unknown, issuer: string): OidcDiscovery {
  const doc = (typeof json === "object" && json !== null ? json : {}) as Partial<Record<keyof OidcDiscovery, unknown>>;
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  return {
    issuer: text(doc.issuer) || issuer,
    authorizationEndpoint: text(doc.authorizationEndpoint),
    tokenEndpoint: text(doc.tokenEndpoint),
    jwksUri: text(doc.jwksUri),
    ...(typeof doc.userinfoEndpoint === "string" ? { userinfoEndpoint: doc.userinfoEndpoint } : {}),
  };
}
