import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/domain-error";
import { getDirectoryOrThrow } from "./get-directory-or-throw";

/** A directory user with the groups it is a direct member of. 404 alike for "missing" and "another tenant's". */
export async function getDirectoryUserOrThrow({ directoryId, userId, organizationId }: { directoryId: string; userId: string; organizationId?: string }) {
  const directory = await getDirectoryOrThrow({ directoryId, organizationId });
  const user = await db.directoryUser.findFirst({
    where: { directoryId: directory.id, organizationId: directory.organizationId, id: userId },
    include: {
      account: { select: { id: true, email: true, name: true, status: true, deactivatedAt: true } },
      memberships: { select: { group: { select: { id: true, displayName: true } } }, orderBy: { groupId: "asc" } },
    },
  });
  if (!user) throw new DomainError("NOT_FOUND", `User ${userId} not found`, "user");
  return user;
}
