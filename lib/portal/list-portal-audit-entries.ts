import { db } from "@/lib/db/client";
import { pageOf } from "@/lib/db/page-of";

/**
 * One page of what was changed through the setup portal, newest first. Ids are time-ordered, so the last id is the
 * cursor (as in the staff audit trail). Narrowed by `organization` (an id or a slug), by `who` (text in the link's
 * issuer, `staff:<email>`, `api:<key>` or `cli`, or the link's prefix), by `action`, and by time.
 */
export async function listPortalAuditEntries({ organizationId, organization, who, action, since, before, limit, after }: {
  organizationId?: string; organization?: string; who?: string; action?: string; since?: Date; before?: Date; limit: number; after?: string;
}) {
  const rows = await db.portalAuditEntry.findMany({
    where: {
      ...(organizationId && { organizationId }),
      ...(organization && { OR: [{ organizationId: organization }, { organizationSlug: organization }] }),
      ...(who && { AND: [{ OR: [{ setupLinkIssuedBy: { contains: who, mode: "insensitive" as const } }, { setupLinkPrefix: { startsWith: who } }] }] }),
      ...(action && { action }),
      ...((since || before) && { createdAt: { ...(since && { gte: since }), ...(before && { lt: before }) } }),
      ...(after && { id: { lt: after } }),
    },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  return pageOf(rows, limit);
}
