import { assertIndexable } from "./assert-indexable";
import type { Sql } from "@/lib/db/sql";
import { isUniqueViolation } from "@/lib/domain-error";
import { userColumnsFrom, type ScimResourceRecord } from "@/lib/scim/resources";
import { userNameTaken } from "./create-user";
import { loadUserGroups } from "./load-user-groups";
import type { ResourceRow } from "./resource-row";

/** Stores a user's new attributes and the columns derived from them, bumping its version. */
export async function saveUserAttributes(
  tx: Sql,
  { directoryId, userId, attributes }: { directoryId: string; userId: string; attributes: Record<string, unknown> },
): Promise<ScimResourceRecord> {
  const c = assertIndexable(userColumnsFrom(attributes));
  try {
    const [user] = await tx.query<Omit<ResourceRow, "attributes">>(
      `UPDATE "DirectoryUser"
          SET "userName" = $3, "externalId" = $4, "email" = $5, "givenName" = $6, "familyName" = $7, "displayName" = $8,
              "active" = $9, "attributes" = $10, "version" = "version" + 1, "updatedAt" = now()
        WHERE "directoryId" = $1 AND "id" = $2
        RETURNING "id", "version", "createdAt", "updatedAt"`,
      [directoryId, userId, c.userName, c.externalId, c.email, c.givenName, c.familyName, c.displayName, c.active, JSON.stringify(attributes)],
    );
    const groups = (await loadUserGroups(tx, directoryId, [userId])).get(userId) ?? [];
    return { ...user!, attributes, groups };
  } catch (err) {
    if (isUniqueViolation(err)) throw userNameTaken(c.userName);
    throw err;
  }
}
