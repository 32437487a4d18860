import { db } from "@/lib/db/client";
import { pageOf } from "@/lib/db/page-of";

/** One page of directories, oldest first, optionally one organisation's; ids are time-ordered, so the last id is the cursor. */
export async function listDirectoriesPage({ organizationId, limit, after }: { organizationId?: string; limit: number; after?: string }) {
  const rows = await db.directory.findMany({
    where: { ...(organizationId && { organizationId }), ...(after && { id: { gt: after } }) },
    orderBy: { id: "asc" },
    take: limit + 1,
  });
  return pageOf(rows, limit);
}
