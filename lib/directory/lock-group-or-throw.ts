import type { DbTx } from "@/lib/db/client";
import { ScimError } from "@/lib/scim/errors";
import { assertIfMatch } from "@/lib/scim/etag";

/** Reads a group FOR UPDATE inside a write's transaction, and checks If-Match against the locked version. */
export async function lockGroupOrThrow(tx: DbTx, { directoryId, groupId, ifMatch }: { directoryId: string; groupId: string; ifMatch?: string | null }) {
  const rows = await tx.$queryRawUnsafe<{ id: string; attributes: Record<string, unknown>; version: number; createdAt: Date; updatedAt: Date }[]>(
    `SELECT "id", "attributes", "version", "createdAt", "updatedAt" FROM "DirectoryGroup" WHERE "directoryId" = $1 AND "id" = $2 FOR UPDATE`,
    directoryId,
    groupId,
  );
  const group = rows[0];
  if (!group) throw new ScimError(404, undefined, `Group ${groupId} not found`);
  assertIfMatch(ifMatch, group.version);
  return group;
}
