import { transaction } from "@/lib/db/sql";
import { DomainError } from "@/lib/domain-error";
import { recordEvent } from "@/lib/events/record-event";
import { forgetScimPrincipals } from "@/lib/auth/scim-principal-cache";

type Doomed = {
  id: string; slug: string; name: string; domains: string[]; directoryIds: string[];
  users: number; groups: number; accounts: number;
};

/**
 * Deletes an organisation and, by the schema's cascades, everything it owns: directories, tokens, users,
 * groups, accounts, sessions, the sync log, its own webhook endpoints and its API keys. Only a global API key
 * or a console admin may call this (the routes check); an organisation's key deleting itself also deleted the
 * record the host product would have learnt it from (issue 12, item 5).
 *
 * Its events are kept, and `organization.deleted` is written in the same transaction: events have no foreign
 * key to the organisation, so the feed still serves them, and what was pending to global endpoints (and the
 * deletion itself) is still delivered. `deletedBy` says who: "api:<key id>", "staff:<email>", "cli".
 */
export async function deleteOrganization({ organizationId, deletedBy }: { organizationId: string; deletedBy: string }) {
  await transaction(async (tx) => {
    // FOR UPDATE conflicts with the key-share lock every insert of a child row takes, so no SCIM write slips a
    // user in between the counts and the delete.
    const [org] = await tx.query<Doomed>(
      `SELECT o."id", o."slug", o."name", o."domains",
              COALESCE((SELECT array_agg(d."id" ORDER BY d."id") FROM "Directory" d WHERE d."organizationId" = o."id"), '{}') AS "directoryIds",
              (SELECT count(*)::int FROM "DirectoryUser" u WHERE u."organizationId" = o."id") AS "users",
              (SELECT count(*)::int FROM "DirectoryGroup" g WHERE g."organizationId" = o."id") AS "groups",
              (SELECT count(*)::int FROM "Account" a WHERE a."organizationId" = o."id") AS "accounts"
         FROM "Organization" o WHERE o."id" = $1 FOR UPDATE OF o`,
      [organizationId],
    );
    if (!org) throw new DomainError("NOT_FOUND", `Organization ${organizationId} not found`, "organization");
    await recordEvent(tx, {
      type: "organization.deleted",
      organizationId: org.id,
      data: {
        id: org.id, slug: org.slug, name: org.name, domains: org.domains, deleted_by: deletedBy,
        directory_ids: org.directoryIds,
        deleted: { directories: org.directoryIds.length, users: org.users, groups: org.groups, accounts: org.accounts },
      },
    });
    await tx.execute(`DELETE FROM "Organization" WHERE "id" = $1`, [org.id]);
  });
  forgetScimPrincipals();
}
