import type { ScimRequestLog } from "@/lib/audit/scim-request-log";
import type { Sql } from "@/lib/db/sql";
import { dropPasswords } from "@/lib/scim/drop-passwords";
import { isUniqueViolation } from "@/lib/domain-error";
import { recordEvent } from "@/lib/events/record-event";
import { userColumnsFrom, type ScimResourceRecord } from "@/lib/scim/resources";
import { assertIndexable } from "./assert-indexable";
import { userNameTaken } from "./create-user";
import { userEventData } from "./event-data";
import { loadUserGroups } from "./load-user-groups";
import type { ResourceRow } from "./resource-row";
import { syncAccount } from "./sync-account";
import type { ProvisioningDirectory } from "./types";

/**
 * Stores a user's new attributes and the columns derived from them, bumping its version, and carries the
 * change to the account (deactivation ends its sessions), the events and the sync-log actions.
 */
export async function saveUserAttributes(
  tx: Sql,
  { directory, userId, previous, attributes: given, log }: { directory: ProvisioningDirectory; userId: string; previous: Record<string, unknown>; attributes: Record<string, unknown>; log?: ScimRequestLog },
): Promise<ScimResourceRecord> {
  // The storage boundary: no `password` at any depth, whichever caller built the attributes (issue 12).
  const attributes = dropPasswords(given);
  const c = assertIndexable(userColumnsFrom(attributes));
  let row: Omit<ResourceRow, "attributes"> | undefined;
  try {
    [row] = await tx.query<Omit<ResourceRow, "attributes">>(
      `UPDATE "DirectoryUser"
          SET "userName" = $3, "externalId" = $4, "email" = $5, "givenName" = $6, "familyName" = $7, "displayName" = $8,
              "active" = $9, "attributes" = $10, "version" = "version" + 1, "updatedAt" = now()
        WHERE "directoryId" = $1 AND "id" = $2
        RETURNING "id", "version", "createdAt", "updatedAt"`,
      [directory.id, userId, c.userName, c.externalId, c.email, c.givenName, c.familyName, c.displayName, c.active, JSON.stringify(attributes)],
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw userNameTaken(c.userName);
    throw err;
  }
  const wasActive = previous.active !== false;
  log?.about("User", userId, c.email ?? c.userName);
  log?.action(wasActive && !c.active ? "user.deactivated" : !wasActive && c.active ? "user.reactivated" : "user.updated");
  const user = { ...row!, attributes };
  await recordEvent(tx, { type: "dsync.user.updated", organizationId: directory.organizationId, directoryId: directory.id, data: userEventData(directory, user) });
  await syncAccount(tx, { directory, userId, attributes, log });
  const groups = (await loadUserGroups(tx, directory.id, [userId])).get(userId) ?? [];
  return { ...user, groups };
}
