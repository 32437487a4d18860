import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/domain-error";
import { setupLinkStatus } from "./list-setup-links";

/**
 * Stops a setup link at once. The portal sessions it opened end with it: every portal request re-checks its
 * link, so there is nothing else to clean up. A link of another organisation is "not found".
 */
export async function revokeSetupLink({ organizationId, setupLinkId }: { organizationId: string; setupLinkId: string }) {
  const now = new Date();
  await db.setupLink.updateMany({ where: { id: setupLinkId, organizationId, revokedAt: null }, data: { revokedAt: now } });
  const setupLink = await db.setupLink.findFirst({ where: { id: setupLinkId, organizationId } });
  if (!setupLink) throw new DomainError("NOT_FOUND", `Setup link ${setupLinkId} not found`, "setupLinkId");
  await db.portalSession.deleteMany({ where: { setupLinkId, organizationId } });
  // A rotated token the link was carrying can never be shown now: keep no copy of it, even sealed.
  await db.scimTokenDelivery.updateMany({ where: { setupLinkId, organizationId, sealedToken: { not: null } }, data: { sealedToken: null } });
  return { setupLink: { ...setupLink, status: setupLinkStatus(setupLink, now) } };
}
