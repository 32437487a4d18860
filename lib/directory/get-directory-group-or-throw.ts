import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/domain-error";
import { getDirectoryOrThrow } from "./get-directory-or-throw";

/**
 * A group with its member count and one page of its members, in user-id order along the (groupId, userId)
 * primary key, so that a group of 100,000 members is read a page at a time. The last member's id is the cursor.
 */
export async function getDirectoryGroupOrThrow({ directoryId, groupId, organizationId, membersLimit, membersAfter }: {
  directoryId: string;
  groupId: string;
  organizationId?: string;
  membersLimit: number;
  membersAfter?: string;
}) {
  const directory = await getDirectoryOrThrow({ directoryId, organizationId });
  const group = await db.directoryGroup.findFirst({
    where: { directoryId: directory.id, organizationId: directory.organizationId, id: groupId },
    include: { _count: { select: { members: true } } },
  });
  if (!group) throw new DomainError("NOT_FOUND", `Group ${groupId} not found`, "group");
  const rows = await db.groupMember.findMany({
    where: { directoryId: directory.id, groupId: group.id, ...(membersAfter && { userId: { gt: membersAfter } }) },
    select: { userId: true, display: true, user: { select: { userName: true, displayName: true, email: true, active: true } } },
    orderBy: { userId: "asc" },
    take: membersLimit + 1,
  });
  const members = rows.slice(0, membersLimit);
  return { group, members, membersNextCursor: rows.length > membersLimit ? members.at(-1)!.userId : null };
}
