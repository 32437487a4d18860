import type { Sql } from "@/lib/db/sql";
import { ScimError } from "@/lib/scim/errors";
import { assertIfMatch } from "@/lib/scim/etag";
import { RESOURCE_COLUMNS, type ResourceRow } from "./resource-row";

/** Reads a group FOR UPDATE inside a write's transaction, and checks If-Match against the locked version. */
export async function lockGroupOrThrow(tx: Sql, { directoryId, groupId, ifMatch }: { directoryId: string; groupId: string; ifMatch?: string | null }) {
  const [group] = await tx.query<ResourceRow>(
    `SELECT ${RESOURCE_COLUMNS} FROM "DirectoryGroup" WHERE "directoryId" = $1 AND "id" = $2 FOR UPDATE`,
    [directoryId, groupId],
  );
  if (!group) throw new ScimError(404, undefined, `Group ${groupId} not found`);
  assertIfMatch(ifMatch, group.version);
  return group;
}
