import type { ScimRequestLog } from "@/lib/audit/scim-request-log";
import type { SyncLogAction } from "@/lib/audit/sync-log-vocabulary";
import type { Sql } from "@/lib/db/sql";
import { dropPasswords } from "@/lib/scim/drop-passwords";
import { isUniqueViolation } from "@/lib/domain-error";
import { newId } from "@/lib/ids";
import { userColumnsFrom, type ScimResourceRecord } from "@/lib/scim/resources";
import { assertIndexable } from "./assert-indexable";
import { userNameTaken } from "./create-user";
import { userEventData } from "./event-data";
import { userGroupsColumn, type UserGroupRef } from "./load-user-groups";
import type { ResourceRow } from "./resource-row";
import { accountEmail, accountNameFrom } from "./sync-account";
import type { ProvisioningDirectory } from "./types";

type SavedRow = Omit<ResourceRow, "attributes"> & {
  groups: UserGroupRef[];
  accountId: string | null;
  accountEmail: string | null;
  accountWas: "active" | "deactivated" | null;
  accountLinked: boolean;
  accountCreated: boolean;
};

/**
 * Stores a user's new attributes and the columns derived from them, bumping its version, and carries the change to
 * the account, the events and the sync-log entry, in ONE statement, plus one more that revokes the sessions when the
 * account is deactivated (issue 13: PATCH, PUT and a deactivation were a dozen round trips in their transaction). The account follows DESIGN.md's sync modes:
 * - the account linked to this user, else an unlinked one with its email (then linked, never duplicated), else in
 *   FULL mode a new one (none in DEPROVISION_ONLY mode, where the identity waits for the person's sign-in);
 * - `active: false` deactivates it and revokes every session at once; `active: true` reactivates it, and revoked
 *   sessions stay revoked; in FULL mode its name follows the user's displayName. Nothing is deleted.
 * Events go in the order they always did: `dsync.user.updated`, then `account.deactivated` or `account.reactivated`.
 * With `log`, the entry (status `status`) is written by the same statement, so it exists only if all of it committed.
 */
export async function saveUserAttributes(
  tx: Sql,
  { directory, userId, previous, attributes: given, log, status = 200 }: {
    directory: ProvisioningDirectory; userId: string; previous: Record<string, unknown>; attributes: Record<string, unknown>; log?: ScimRequestLog; status?: number;
  },
): Promise<ScimResourceRecord> {
  // The storage boundary: no `password` at any depth, whichever caller built the attributes (issue 12).
  const attributes = dropPasswords(given);
  const c = assertIndexable(userColumnsFrom(attributes));
  const wasActive = previous.active !== false;
  const userAction: SyncLogAction = wasActive && !c.active ? "user.deactivated" : !wasActive && c.active ? "user.reactivated" : "user.updated";
  log?.about("User", userId, c.email ?? c.userName);
  // The attributes are serialised once: the event's raw_attributes reuse the parameter.
  const { raw_attributes: _, ...eventData } = userEventData(directory, { id: userId, attributes });
  const accountEventId = newId("evt");
  const params: unknown[] = [
    directory.id, userId, c.userName, c.externalId, c.email, c.givenName, c.familyName, c.displayName, c.active, // $1–$9
    JSON.stringify(attributes), directory.organizationId, accountEmail(attributes), accountNameFrom(attributes), // $10–$13
    directory.syncMode === "FULL", newId("acc"), newId("evt"), JSON.stringify(eventData), accountEventId, // $14–$18
  ];
  const logged = log
    ? `, log AS (${log.insertWithin(params, status, {
        from: "usr", resourceType: "User", id: `usr."id"`,
        actions: `array_remove(ARRAY[$${params.push(userAction)}::text, (SELECT 'account.created' FROM created), (SELECT 'account.linked' FROM acct WHERE acct."linking"),
                   (SELECT CASE WHEN acct."was" = 'active' AND NOT $9 THEN 'account.deactivated' WHEN acct."was" = 'deactivated' AND $9 THEN 'account.reactivated' END FROM acct)]::text[], NULL)`,
      })})`
    : "";
  let row: SavedRow | undefined;
  try {
    [row] = await tx.query<SavedRow>(
      `WITH usr AS (
         UPDATE "DirectoryUser"
            SET "userName" = $3, "externalId" = $4, "email" = $5, "givenName" = $6, "familyName" = $7, "displayName" = $8,
                "active" = $9, "attributes" = $10, "version" = "version" + 1, "updatedAt" = now()
          WHERE "directoryId" = $1 AND "id" = $2
          RETURNING "id", "directoryId", "version", "createdAt", "updatedAt"
       ), acct AS (
         -- The account linked to the user comes first; else the unlinked one with its email, which this links. An
         -- account linked to another directory user is never taken over. Only a change touches the row.
         UPDATE "Account" a
            SET "directoryUserId" = $2, "updatedAt" = now(),
                "status" = CASE WHEN $9 THEN 'active' ELSE 'deactivated' END::"AccountStatus",
                "deactivatedAt" = CASE WHEN $9 THEN NULL WHEN a."status" = 'active' THEN now() ELSE a."deactivatedAt" END,
                "name" = CASE WHEN $14 AND $13::text IS NOT NULL THEN $13::text ELSE a."name" END
           FROM (SELECT "id", "status", "directoryUserId" IS NULL AS "linking" FROM "Account"
                  WHERE "organizationId" = $11 AND ("directoryUserId" = $2 OR ("email" = $12::citext AND "directoryUserId" IS NULL))
                  ORDER BY "directoryUserId" IS NULL LIMIT 1 FOR UPDATE) was
          WHERE a."organizationId" = $11 AND a."id" = was."id"
            AND (was."linking" OR (a."status" = 'active') <> $9 OR ($14 AND $13::text IS NOT NULL AND a."name" IS DISTINCT FROM $13::text))
          RETURNING a."id", a."email"::text AS "email", was."status"::text AS "was", was."linking"
       ), created AS (
         INSERT INTO "Account" ("id", "organizationId", "email", "name", "status", "source", "directoryUserId")
         SELECT $15, $11, $12::citext, $13::text, CASE WHEN $9 THEN 'active' ELSE 'deactivated' END::"AccountStatus", 'scim', $2
          WHERE $14 AND $12::text IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM "Account" WHERE "organizationId" = $11 AND ("directoryUserId" = $2 OR ("email" = $12::citext AND "directoryUserId" IS NULL)))
         ON CONFLICT ("organizationId", "email") DO NOTHING
         RETURNING "id"
       ), events AS (
         INSERT INTO "Event" ("id", "type", "organizationId", "directoryId", "data")
         SELECT e."id", e."type", $11, $1, e."data" FROM (
           SELECT 1 AS ord, $16::text AS "id", 'dsync.user.updated' AS "type", $17::jsonb || jsonb_build_object('raw_attributes', $10::jsonb) AS "data" FROM usr
           UNION ALL
           SELECT 2, $18::text, 'account.reactivated', jsonb_build_object('id', acct."id", 'email', acct."email", 'directory_user_id', $2::text, 'status', 'active')
             FROM acct WHERE acct."was" = 'deactivated' AND $9
         ) e ORDER BY e.ord
       )${logged}
       SELECT usr."id", usr."version", usr."createdAt", usr."updatedAt", ${userGroupsColumn("usr")} AS "groups",
              (SELECT "id" FROM acct) AS "accountId", (SELECT "email" FROM acct) AS "accountEmail", (SELECT "was" FROM acct) AS "accountWas", coalesce((SELECT "linking" FROM acct), false) AS "accountLinked",
              EXISTS (SELECT 1 FROM created) AS "accountCreated"
         FROM usr`,
      params,
      // Fixed text (the values are all parameters): parsed and planned once per connection.
      log ? "scim_save_user_logged" : "scim_save_user",
    );
    if (row?.accountId && row.accountWas === "active" && !c.active) {
      // The sessions are revoked by a statement of their own, after the account's row lock above was granted: a
      // session created while this waited for that lock (createSession holds the account FOR SHARE) committed after
      // the statement's snapshot, and only a new snapshot sees it to revoke it.
      await tx.execute(
        `WITH revoked AS (
           UPDATE "Session" SET "revokedAt" = now() WHERE "organizationId" = $1 AND "accountId" = $2 AND "revokedAt" IS NULL RETURNING 1
         )
         INSERT INTO "Event" ("id", "type", "organizationId", "directoryId", "data")
         SELECT $5, 'account.deactivated', $1, $6, jsonb_build_object('id', $2::text, 'email', $3::text, 'directory_user_id', $4::text, 'status', 'deactivated', 'sessions_revoked', (SELECT count(*) FROM revoked))`,
        [directory.organizationId, row.accountId, row.accountEmail, userId, accountEventId, directory.id],
        "scim_revoke_account_sessions",
      );
    }
  } catch (err) {
    log?.notWritten();
    if (isUniqueViolation(err)) throw userNameTaken(c.userName);
    throw err;
  }
  const { accountId: _id, accountEmail: _email, accountWas, accountLinked, accountCreated, ...user } = row!;
  // The entry in memory says what the one in the database says (the same rules as the SQL of its actions).
  log?.action(userAction);
  if (accountCreated) log?.action("account.created");
  if (accountLinked) log?.action("account.linked");
  if (accountWas === "active" && !c.active) log?.action("account.deactivated");
  if (accountWas === "deactivated" && c.active) log?.action("account.reactivated");
  return { ...user, attributes };
}
