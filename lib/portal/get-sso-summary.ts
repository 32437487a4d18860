import { getSsoConnection } from "@/lib/sso/get-sso-connection";

/** What the portal's SSO step shows of a saved connection: JSON-safe, and never the client secret. */
export type SsoConnectionSummary = {
  protocol: "saml" | "oidc";
  samlIdpEntityId: string | null;
  samlIdpSsoUrl: string | null;
  samlCertificateExpiresAt: string | null;
  /** Within 30 days: sign-in stops when it expires, so the admin is warned in time. */
  samlCertificateExpiresSoon: boolean;
  samlMetadataUrl: string | null;
  oidcIssuer: string | null;
  oidcClientId: string | null;
  hasClientSecret: boolean;
};

const SOON_MS = 30 * 86_400_000;

export async function getSsoSummary({ organizationId }: { organizationId: string }): Promise<SsoConnectionSummary | null> {
  const connection = await getSsoConnection({ organizationId });
  if (!connection) return null;
  const none = { samlIdpEntityId: null, samlIdpSsoUrl: null, samlCertificateExpiresAt: null, samlCertificateExpiresSoon: false, samlMetadataUrl: null, oidcIssuer: null, oidcClientId: null, hasClientSecret: false };
  if (connection.protocol === "saml") {
    return {
      ...none,
      protocol: "saml",
      samlIdpEntityId: connection.idpEntityId,
      samlIdpSsoUrl: connection.idpSsoUrl,
      samlCertificateExpiresAt: connection.certificate.expiresAt.toISOString(),
      samlCertificateExpiresSoon: connection.certificate.expiresAt.getTime() - Date.now() < SOON_MS,
      samlMetadataUrl: connection.metadataUrl,
    };
  }
  return { ...none, protocol: "oidc", oidcIssuer: connection.issuer, oidcClientId: connection.clientId, hasClientSecret: connection.hasClientSecret };
}
