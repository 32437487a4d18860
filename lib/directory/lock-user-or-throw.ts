import type { Sql } from "@/lib/db/sql";
import { ScimError } from "@/lib/scim/errors";
import { assertIfMatch } from "@/lib/scim/etag";
import { RESOURCE_COLUMNS, type ResourceRow } from "./resource-row";

/**
 * Reads a user FOR UPDATE inside a write's transaction, so concurrent PUT/PATCH of one user apply one after
 * the other instead of losing each other's changes, and checks If-Match against the locked version.
 */
export async function lockUserOrThrow(tx: Sql, { directoryId, userId, ifMatch }: { directoryId: string; userId: string; ifMatch?: string | null }) {
  const [user] = await tx.query<ResourceRow>(
    `SELECT ${RESOURCE_COLUMNS} FROM "DirectoryUser" WHERE "directoryId" = $1 AND "id" = $2 FOR UPDATE`,
    [directoryId, userId],
  );
  if (!user) throw new ScimError(404, undefined, `User ${userId} not found`);
  assertIfMatch(ifMatch, user.version);
  return user;
}
