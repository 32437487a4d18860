import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/domain-error";

/**
 * Deletes a directory and, by the schema's cascades, its tokens, users, groups, memberships and sync log.
 * Accounts stay (they belong to the organisation); their link to a deleted directory user is cleared.
 */
export async function deleteDirectory({ directoryId, organizationId }: { directoryId: string; organizationId?: string }) {
  const { count } = await db.directory.deleteMany({ where: { id: directoryId, ...(organizationId && { organizationId }) } });
  if (count === 0) throw new DomainError("NOT_FOUND", `Directory ${directoryId} not found`, "directory");
}
