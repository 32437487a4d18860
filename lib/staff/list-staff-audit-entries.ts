import { db } from "@/lib/db/client";
import { pageOf } from "@/lib/db/page-of";

/**
 * One page of the staff audit trail, newest first. Ids are time-ordered, so the last id is the cursor;
 * `organizationId` narrows it to what was done to one organisation.
 */
export async function listStaffAuditEntries({ organizationId, limit, after }: { organizationId?: string; limit: number; after?: string }) {
  const rows = await db.staffAuditEntry.findMany({
    where: { ...(organizationId && { organizationId }), ...(after && { id: { lt: after } }) },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  return pageOf(rows, limit);
}
