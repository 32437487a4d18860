import type { ScimRequestLog } from "@/lib/audit/scim-request-log";
import { transaction } from "@/lib/db/sql";
import { isUniqueViolation } from "@/lib/domain-error";
import { recordEvent } from "@/lib/events/record-event";
import { newId } from "@/lib/ids";
import { ScimError } from "@/lib/scim/errors";
import type { UserBody } from "@/lib/scim/requests";
import { userColumnsFrom, type ScimResourceRecord } from "@/lib/scim/resources";
import { assertIndexable } from "./assert-indexable";
import { userEventData } from "./event-data";
import type { ResourceRow } from "./resource-row";
import { syncAccount } from "./sync-account";
import type { ProvisioningDirectory } from "./types";

/**
 * POST /Users: the user, its account (created or linked by email, per the sync mode), the event and the
 * sync-log entry commit together. The password, if any, was already dropped by the request schema.
 */
export async function createUser({ directory, body, log }: { directory: ProvisioningDirectory; body: UserBody; log?: ScimRequestLog }): Promise<ScimResourceRecord> {
  const c = assertIndexable(userColumnsFrom(body.attributes));
  log?.about("User", null, c.email ?? c.userName);
  try {
    return await transaction(async (tx) => {
      const [row] = await tx.query<Omit<ResourceRow, "attributes">>(
        `INSERT INTO "DirectoryUser" ("id", "organizationId", "directoryId", "userName", "externalId", "email", "givenName", "familyName", "displayName", "active", "attributes")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         RETURNING "id", "version", "createdAt", "updatedAt"`,
        [newId("usr"), directory.organizationId, directory.id, c.userName, c.externalId, c.email, c.givenName, c.familyName, c.displayName, c.active, JSON.stringify(body.attributes)],
      );
      const user = { ...row!, attributes: body.attributes, groups: [] };
      log?.about("User", user.id);
      log?.action("user.created");
      await recordEvent(tx, { type: "dsync.user.created", organizationId: directory.organizationId, directoryId: directory.id, data: userEventData(directory, user) });
      await syncAccount(tx, { directory, userId: user.id, attributes: body.attributes, isNew: true, log });
      await log?.writeIn(tx, 201);
      return user;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw userNameTaken(c.userName);
    throw err;
  }
}

/** RFC 7644 §3.3: a duplicate userName is 409 uniqueness (Okta's spec test checks it). */
export function userNameTaken(userName: string) {
  return new ScimError(409, "uniqueness", `userName "${userName}" is already in use in this directory`);
}
