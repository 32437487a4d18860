import type { Sql } from "@/lib/db/sql";
import { ScimError } from "@/lib/scim/errors";
import { assertIfMatch } from "@/lib/scim/etag";
import type { ResourceRow } from "./resource-row";

export type LockedUser = ResourceRow & {
  /** The account linked to the user, locked with it; null when none is linked yet. */
  lockedAccountId: string | null;
};

/**
 * A user write's first statement (PATCH, PUT): the user FOR UPDATE, as lockResourceOrThrow locks any resource, and
 * in the same statement the account linked to it, also FOR UPDATE, user first (the order sign-in takes them in:
 * resolveSignInAccount holds the user, then createSession the account). 404 alike for "missing" and "another
 * directory's"; If-Match is checked against the locked version.
 *
 * Why the account here (issue 13): a session that a sign-in was creating while this waited for the account's lock
 * (createSession holds it FOR SHARE until it commits) is committed once this returns, so the write's next statement,
 * whose snapshot is taken after, sees it and can revoke it in that same statement: a deactivation saves and revokes
 * in one round trip instead of two.
 */
export async function lockUserOrThrow(
  tx: Sql,
  { directoryId, id, ifMatch }: { directoryId: string; id: string; ifMatch?: string | null },
): Promise<LockedUser> {
  const [row] = await tx.query<LockedUser>(
    `WITH usr AS (
       SELECT "id", "organizationId", "attributes", "version", "createdAt", "updatedAt" FROM "DirectoryUser"
        WHERE "directoryId" = $1 AND "id" = $2 FOR UPDATE
     ), acct AS (
       SELECT a."id" FROM "Account" a, usr WHERE a."organizationId" = usr."organizationId" AND a."directoryUserId" = usr."id" FOR UPDATE OF a
     )
     SELECT usr."id", usr."attributes", usr."version", usr."createdAt", usr."updatedAt", (SELECT "id" FROM acct) AS "lockedAccountId" FROM usr`,
    [directoryId, id],
    "scim_lock_user",
  );
  if (!row) throw new ScimError(404, undefined, `User ${id} not found`);
  assertIfMatch(ifMatch, row.version);
  return row;
}
