import { db } from "@/lib/db/client";
import { pageOf } from "@/lib/db/page-of";

/**
 * One page of the staff audit trail, newest first. Ids are time-ordered, so the last id is the cursor. Narrowed
 * by `organization` (an id or a slug: the slug is stored on the entry, so a deleted organisation's entries are
 * still found), by `who` (text in the staff member's email, any case), by `action`, and by time.
 */
export async function listStaffAuditEntries({ organizationId, organization, who, action, since, before, limit, after }: {
  organizationId?: string; organization?: string; who?: string; action?: string; since?: Date; before?: Date; limit: number; after?: string;
}) {
  const rows = await db.staffAuditEntry.findMany({
    where: {
      ...(organizationId && { organizationId }),
      ...(organization && { OR: [{ organizationId: organization }, { organizationSlug: organization }] }),
      ...(who && { staffEmail: { contains: who, mode: "insensitive" as const } }),
      ...(action && { action }),
      ...((since || before) && { createdAt: { ...(since && { gte: since }), ...(before && { lt: before }) } }),
      ...(after && { id: { lt: after } }),
    },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  return pageOf(rows, limit);
}
