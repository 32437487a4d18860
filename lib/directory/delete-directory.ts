import { transaction } from "@/lib/db/sql";
import { DomainError } from "@/lib/domain-error";
import { recordEvent } from "@/lib/events/record-event";
import { forgetScimPrincipals } from "@/lib/auth/scim-principal-cache";

type Doomed = {
  id: string; organizationId: string; name: string; provider: string;
  users: number; activeUsers: number; groups: number; memberships: number; scimTokens: number; accountsUnlinked: number;
};

/**
 * Deletes a directory and, by the schema's cascades, its tokens, users, groups, memberships and sync log,
 * with a `dsync.deleted` event in the same transaction that counts what went (issue 12, item 5).
 *
 * Deleting a directory deprovisions no one: accounts belong to the organisation, so each linked account
 * keeps its status and its sessions, and only its link to the deleted directory user is cleared
 * (`accounts_unlinked`). Nothing deactivates them afterwards; the host product decides what to do.
 */
export async function deleteDirectory({ directoryId, organizationId }: { directoryId: string; organizationId?: string }) {
  await transaction(async (tx) => {
    const params: unknown[] = [directoryId];
    if (organizationId) params.push(organizationId);
    // FOR UPDATE conflicts with the key-share lock a SCIM write's insert takes on its directory, so the counts
    // are exactly what the delete removes.
    const [directory] = await tx.query<Doomed>(
      `SELECT d."id", d."organizationId", d."name", d."provider"::text AS "provider",
              (SELECT count(*)::int FROM "DirectoryUser" u WHERE u."directoryId" = d."id") AS "users",
              (SELECT count(*)::int FROM "DirectoryUser" u WHERE u."directoryId" = d."id" AND u."active") AS "activeUsers",
              (SELECT count(*)::int FROM "DirectoryGroup" g WHERE g."directoryId" = d."id") AS "groups",
              (SELECT count(*)::int FROM "GroupMember" m WHERE m."directoryId" = d."id") AS "memberships",
              (SELECT count(*)::int FROM "ScimToken" t WHERE t."directoryId" = d."id") AS "scimTokens",
              (SELECT count(*)::int FROM "Account" a JOIN "DirectoryUser" u ON u."id" = a."directoryUserId"
                WHERE u."directoryId" = d."id" AND a."organizationId" = d."organizationId") AS "accountsUnlinked"
         FROM "Directory" d WHERE d."id" = $1 ${organizationId ? `AND d."organizationId" = $2` : ""} FOR UPDATE OF d`,
      params,
    );
    if (!directory) throw new DomainError("NOT_FOUND", `Directory ${directoryId} not found`, "directory");
    await tx.execute(`DELETE FROM "Directory" WHERE "id" = $1 AND "organizationId" = $2`, [directory.id, directory.organizationId]);
    await recordEvent(tx, {
      type: "dsync.deleted",
      organizationId: directory.organizationId,
      directoryId: directory.id,
      data: {
        id: directory.id, organization_id: directory.organizationId, name: directory.name, provider: directory.provider, state: "deleted",
        deleted: { users: directory.users, active_users: directory.activeUsers, groups: directory.groups, memberships: directory.memberships, scim_tokens: directory.scimTokens },
        accounts_unlinked: directory.accountsUnlinked,
      },
    });
  });
  forgetScimPrincipals();
}
