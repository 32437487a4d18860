import { db } from "@/lib/db/client";
import { getDirectoryOrThrow } from "./get-directory-or-throw";
import { pageOf } from "@/lib/db/page-of";

/**
 * One page of a directory's users for the management API, in id order (ids are time-ordered, so the last id is
 * the cursor). `groupId` keeps the group's direct members; `active` keeps active or deactivated users.
 */
export async function listDirectoryUsers({ directoryId, organizationId, groupId, active, limit, after }: {
  directoryId: string;
  organizationId?: string;
  groupId?: string;
  active?: boolean;
  limit: number;
  after?: string;
}) {
  const directory = await getDirectoryOrThrow({ directoryId, organizationId });
  const rows = await db.directoryUser.findMany({
    where: {
      directoryId: directory.id,
      organizationId: directory.organizationId,
      ...(active !== undefined && { active }),
      ...(groupId && { memberships: { some: { directoryId: directory.id, groupId } } }),
      ...(after && { id: { gt: after } }),
    },
    include: { account: { select: { id: true } } },
    orderBy: { id: "asc" },
    take: limit + 1,
  });
  return pageOf(rows, limit);
}
