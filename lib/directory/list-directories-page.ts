import { db } from "@/lib/db/client";

/** One page of directories, oldest first, optionally one organisation's; ids are time-ordered, so the last id is the cursor. */
export async function listDirectoriesPage({ organizationId, limit, after }: { organizationId?: string; limit: number; after?: string }) {
  const rows = await db.directory.findMany({
    where: { ...(organizationId && { organizationId }), ...(after && { id: { gt: after } }) },
    orderBy: { id: "asc" },
    take: limit + 1,
  });
  const data = rows.slice(0, limit);
  return { data, nextCursor: rows.length > limit ? data.at(-1)!.id : null };
}
