import { db } from "@/lib/db/client";
import { getDirectoryOrThrow } from "./get-directory-or-throw";
import { pageOf } from "@/lib/db/page-of";

/** One page of a directory's groups with their member counts, in id order; the last id is the cursor. */
export async function listDirectoryGroups({ directoryId, organizationId, limit, after }: { directoryId: string; organizationId?: string; limit: number; after?: string }) {
  const directory = await getDirectoryOrThrow({ directoryId, organizationId });
  const rows = await db.directoryGroup.findMany({
    where: { directoryId: directory.id, organizationId: directory.organizationId, ...(after && { id: { gt: after } }) },
    include: { _count: { select: { members: true } } },
    orderBy: { id: "asc" },
    take: limit + 1,
  });
  return pageOf(rows, limit);
}
