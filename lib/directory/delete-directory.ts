import { transaction } from "@/lib/db/sql";
import { DomainError } from "@/lib/domain-error";
import { recordEvent } from "@/lib/events/record-event";

/**
 * Deletes a directory and, by the schema's cascades, its tokens, users, groups, memberships and sync log,
 * with a `dsync.deleted` event in the same transaction. Accounts stay (they belong to the organisation);
 * their link to a deleted directory user is cleared.
 */
export async function deleteDirectory({ directoryId, organizationId }: { directoryId: string; organizationId?: string }) {
  await transaction(async (tx) => {
    const params: unknown[] = [directoryId];
    if (organizationId) params.push(organizationId);
    const [directory] = await tx.query<{ id: string; organizationId: string; name: string; provider: string }>(
      `DELETE FROM "Directory" WHERE "id" = $1 ${organizationId ? `AND "organizationId" = $2` : ""} RETURNING "id", "organizationId", "name", "provider"`,
      params,
    );
    if (!directory) throw new DomainError("NOT_FOUND", `Directory ${directoryId} not found`, "directory");
    await recordEvent(tx, {
      type: "dsync.deleted",
      organizationId: directory.organizationId,
      directoryId: directory.id,
      data: { id: directory.id, organization_id: directory.organizationId, name: directory.name, provider: directory.provider, state: "deleted" },
    });
  });
}
