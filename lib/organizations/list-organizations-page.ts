import { db } from "@/lib/db/client";

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
  const data = rows.slice(0, limit);
  return { data, nextCursor: rows.length > limit ? data.at(-1)!.id : null };
}
