import { db } from "@/lib/db/client";
import { pageOf } from "@/lib/db/page-of";

/**
 * One page of organisations, oldest first (ids are time-ordered, so the last id is the cursor). `organizationId`
 * narrows the list to that one organisation: an organisation-scoped caller sees only its own.
 */
export async function listOrganizationsPage({ organizationId, limit, after }: { organizationId?: string; limit: number; after?: string }) {
  const rows = await db.organization.findMany({
    where: { AND: [organizationId ? { id: organizationId } : {}, after ? { id: { gt: after } } : {}] },
    orderBy: { id: "asc" },
    take: limit + 1,
  });
  return pageOf(rows, limit);
}
