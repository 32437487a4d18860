import type { Sql } from "@/lib/db/sql";
import { ScimError } from "@/lib/scim/errors";
import { assertIfMatch } from "@/lib/scim/etag";
import { RESOURCE_COLUMNS, type ResourceRow } from "./resource-row";

const TABLES = { User: "DirectoryUser", Group: "DirectoryGroup" } as const;

/**
 * Reads a user or group FOR UPDATE inside a write's transaction, so concurrent writes to one resource apply
 * one after the other instead of losing each other's changes, and checks If-Match against the locked version.
 * 404 alike for "missing" and "another directory's".
 */
export async function lockResourceOrThrow(
  tx: Sql,
  { resourceType, directoryId, id, ifMatch }: { resourceType: "User" | "Group"; directoryId: string; id: string; ifMatch?: string | null },
): Promise<ResourceRow> {
  const [row] = await tx.query<ResourceRow>(
    `SELECT ${RESOURCE_COLUMNS} FROM "${TABLES[resourceType]}" WHERE "directoryId" = $1 AND "id" = $2 FOR UPDATE`,
    [directoryId, id],
  );
  if (!row) throw new ScimError(404, undefined, `${resourceType} ${id} not found`);
  assertIfMatch(ifMatch, row.version);
  return row;
}
