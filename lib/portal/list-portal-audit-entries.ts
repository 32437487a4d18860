import { db } from "@/lib/db/client";
import { pageOf } from "@/lib/db/page-of";

/**
 * One page of what was changed through the setup portal, newest first; `organizationId` narrows it to one
 * organisation. Ids are time-ordered, so the last id is the cursor (as in the staff audit trail).
 */
export async function listPortalAuditEntries({ organizationId, limit, after }: { organizationId?: string; limit: number; after?: string }) {
  const rows = await db.portalAuditEntry.findMany({
    where: { ...(organizationId && { organizationId }), ...(after && { id: { lt: after } }) },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  return pageOf(rows, limit);
}
