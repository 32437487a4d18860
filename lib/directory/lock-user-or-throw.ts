import type { DbTx } from "@/lib/db/client";
import { ScimError } from "@/lib/scim/errors";
import { assertIfMatch } from "@/lib/scim/etag";

/**
 * Reads a user FOR UPDATE inside a write's transaction, so concurrent PUT/PATCH of one user apply one after
 * the other instead of losing each other's changes, and checks If-Match against the locked version.
 */
export async function lockUserOrThrow(tx: DbTx, { directoryId, userId, ifMatch }: { directoryId: string; userId: string; ifMatch?: string | null }) {
  const rows = await tx.$queryRawUnsafe<{ id: string; attributes: Record<string, unknown>; version: number; createdAt: Date; updatedAt: Date }[]>(
    `SELECT "id", "attributes", "version", "createdAt", "updatedAt" FROM "DirectoryUser" WHERE "directoryId" = $1 AND "id" = $2 FOR UPDATE`,
    directoryId,
    userId,
  );
  const user = rows[0];
  if (!user) throw new ScimError(404, undefined, `User ${userId} not found`);
  assertIfMatch(ifMatch, user.version);
  return user;
}
