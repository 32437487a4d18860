import type { PortalSetupLink } from "@/lib/auth/verify-portal-session";
import { db } from "@/lib/db/client";
import { assertLinkAuthority } from "./assert-link-authority";

/**
 * Saving SSO through the portal: a link issued by support may configure the organisation's first connection
 * (that is what the link is for) but not replace one that exists. Returns whether one existed, for the audit trail.
 */
export async function assertLinkMaySaveSso({ setupLink, organizationId }: { setupLink: Pick<PortalSetupLink, "issuerRole">; organizationId: string }): Promise<boolean> {
  const existing = (await db.ssoConnection.count({ where: { organizationId } })) > 0;
  if (existing) assertLinkAuthority(setupLink, "replace_sso");
  return existing;
}
