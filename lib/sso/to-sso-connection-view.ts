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
  certificate: { subject: string; notBefore: Date; expiresAt: Date };
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
    const certificate = readCertificate(row.samlIdpCertificate, row.samlCertificateExpiresAt);
    return { ...base, protocol: "saml", idpEntityId: row.samlIdpEntityId ?? "", idpSsoUrl: row.samlIdpSsoUrl ?? "", metadataUrl: row.samlMetadataUrl, certificate };
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

function readCertificate(pem: string | null, expiresAt: Date | null): SamlConnectionView["certificate"] {
  try {
    const cert = new X509Certificate(pem ?? "");
    return { subject: cert.subject.split("\n").join(", "), notBefore: new Date(cert.validFrom), expiresAt: expiresAt ?? new Date(cert.validTo) };
  } catch {
    // Only a row written by hand could get here; show what the columns hold rather than fail the page.
    return { subject: "", notBefore: new Date(0), expiresAt: expiresAt ?? new Date(0) };
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
