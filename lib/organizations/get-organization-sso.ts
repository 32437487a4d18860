import { db } from "@/lib/db/client";

/** An organisation's SSO connection as the setup portal configured it, without its client secret; null when there is none. */
export async function getOrganizationSso({ organizationId }: { organizationId: string }) {
  return db.ssoConnection.findUnique({
    where: { organizationId },
    select: {
      id: true, provider: true, protocol: true, samlIdpEntityId: true, samlIdpSsoUrl: true, samlCertificateExpiresAt: true,
      samlMetadataUrl: true, oidcIssuer: true, oidcClientId: true, createdAt: true, updatedAt: true,
    },
  });
}
