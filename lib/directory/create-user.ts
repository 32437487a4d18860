import type { ScimRequestLog } from "@/lib/audit/scim-request-log";
import { sql } from "@/lib/db/sql";
import { isUniqueViolation } from "@/lib/domain-error";
import { newId } from "@/lib/ids";
import { ScimError } from "@/lib/scim/errors";
import type { UserBody } from "@/lib/scim/requests";
import { userColumnsFrom, type ScimResourceRecord } from "@/lib/scim/resources";
import { assertIndexable } from "./assert-indexable";
import { userEventData } from "./event-data";
import type { ResourceRow } from "./resource-row";
import { accountEmail, accountNameFrom } from "./sync-account";
import type { ProvisioningDirectory } from "./types";

/**
 * POST /Users: the user, its account (created or linked by email, per the sync mode), the events and the
 * sync-log entry, in ONE statement (issue 13: one round trip instead of seven, no BEGIN and COMMIT). A statement
 * is atomic on its own: if any part fails (the userName taken, the event or the log entry refused) none of it
 * is kept. The password, if any, was already dropped by the request schema.
 *
 * The account follows DESIGN.md's sync modes, as saveUserAttributes (save-user-attributes.ts) does for a user without one yet:
 * - an account with the user's email and no directory user is linked, never duplicated; in FULL mode its name
 *   follows the user's; if the user arrives inactive the account is deactivated and its sessions revoked, if it
 *   arrives active a deactivated account is reactivated (its revoked sessions stay revoked), each with its event;
 * - otherwise, in FULL mode, an account is created; in DEPROVISION_ONLY mode the identity waits for sign-in.
 * Events are inserted in that order (the user's first), so their `seq` orders them as before.
 */
export async function createUser({ directory, body, log }: { directory: ProvisioningDirectory; body: UserBody; log?: ScimRequestLog }): Promise<ScimResourceRecord> {
  const c = assertIndexable(userColumnsFrom(body.attributes));
  log?.about("User", null, c.email ?? c.userName);
  const userId = newId("usr");
  // The attributes are serialised once: the event's raw_attributes reuse the parameter.
  const { raw_attributes: _, ...eventData } = userEventData(directory, { id: userId, attributes: body.attributes });
  const active = body.attributes.active !== false;
  const params: unknown[] = [
    userId, directory.organizationId, directory.id, c.userName, c.externalId, c.email, c.givenName, c.familyName, c.displayName, c.active,
    JSON.stringify(body.attributes), // $11
    accountEmail(body.attributes), accountNameFrom(body.attributes), active, directory.syncMode === "FULL", newId("acc"), // $12–$16
    newId("evt"), JSON.stringify(eventData), newId("evt"), // $17–$19
  ];
  const logged = log
    ? `, log AS (${log.insertWithin(params, 201, {
        from: "usr", resourceType: "User", id: `usr."id"`,
        actions: `array_remove(ARRAY['user.created', (SELECT 'account.created' FROM created), (SELECT 'account.linked' FROM linked),
                   (SELECT CASE WHEN l."was" = 'active' AND NOT $14 THEN 'account.deactivated' WHEN l."was" = 'deactivated' AND $14 THEN 'account.reactivated' END FROM linked l)]::text[], NULL)`,
      })})`
    : "";
  try {
    const [row] = await sql.query<Omit<ResourceRow, "attributes"> & { linkedWas: "active" | "deactivated" | null; accountCreated: boolean }>(
      `WITH usr AS (
         INSERT INTO "DirectoryUser" ("id", "organizationId", "directoryId", "userName", "externalId", "email", "givenName", "familyName", "displayName", "active", "attributes")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         RETURNING "id", "version", "createdAt", "updatedAt"
       ), linked AS (
         -- An account already linked to another directory user is left alone, never taken over.
         UPDATE "Account" a
            SET "directoryUserId" = $1, "updatedAt" = now(),
                "status" = CASE WHEN $14 THEN 'active' ELSE 'deactivated' END::"AccountStatus",
                "deactivatedAt" = CASE WHEN $14 THEN NULL WHEN a."status" = 'active' THEN now() ELSE a."deactivatedAt" END,
                "name" = CASE WHEN $15 AND $13::text IS NOT NULL THEN $13::text ELSE a."name" END
           FROM (SELECT "id", "status" FROM "Account"
                  WHERE "organizationId" = $2 AND "email" = $12::citext AND "directoryUserId" IS NULL FOR UPDATE) was
          WHERE a."organizationId" = $2 AND a."id" = was."id"
          RETURNING a."id", a."email"::text AS "email", was."status"::text AS "was"
       ), created AS (
         INSERT INTO "Account" ("id", "organizationId", "email", "name", "status", "source", "directoryUserId")
         SELECT $16, $2, $12::citext, $13::text, CASE WHEN $14 THEN 'active' ELSE 'deactivated' END::"AccountStatus", 'scim', $1
          WHERE $15 AND $12::text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM linked)
         ON CONFLICT ("organizationId", "email") DO NOTHING
         RETURNING "id"
       ), revoked AS (
         UPDATE "Session" SET "revokedAt" = now()
          WHERE "organizationId" = $2 AND "revokedAt" IS NULL
            AND "accountId" IN (SELECT "id" FROM linked WHERE "was" = 'active' AND NOT $14)
          RETURNING 1
       ), events AS (
         INSERT INTO "Event" ("id", "type", "organizationId", "directoryId", "data")
         SELECT e."id", e."type", $2, $3, e."data" FROM (
           SELECT 1 AS ord, $17::text AS "id", 'dsync.user.created' AS "type", $18::jsonb || jsonb_build_object('raw_attributes', $11::jsonb) AS "data" FROM usr
           UNION ALL
           SELECT 2, $19::text, 'account.deactivated', jsonb_build_object('id', l."id", 'email', l."email", 'directory_user_id', $1::text, 'status', 'deactivated', 'sessions_revoked', (SELECT count(*) FROM revoked))
             FROM linked l WHERE l."was" = 'active' AND NOT $14
           UNION ALL
           SELECT 2, $19::text, 'account.reactivated', jsonb_build_object('id', l."id", 'email', l."email", 'directory_user_id', $1::text, 'status', 'active')
             FROM linked l WHERE l."was" = 'deactivated' AND $14
         ) e ORDER BY e.ord
       )${logged}
       SELECT usr.*, (SELECT "was" FROM linked) AS "linkedWas", EXISTS (SELECT 1 FROM created) AS "accountCreated" FROM usr`,
      params,
      // Fixed text (the values are all parameters): parsed and planned once per connection.
      log ? "scim_create_user" : undefined,
    );
    const { linkedWas, accountCreated, ...user } = row!;
    // The entry in memory says what the one in the database says (the same rules as the SQL of its actions).
    log?.about("User", userId);
    log?.action("user.created");
    if (accountCreated) log?.action("account.created");
    if (linkedWas) log?.action("account.linked");
    if (linkedWas === "active" && !active) log?.action("account.deactivated");
    if (linkedWas === "deactivated" && active) log?.action("account.reactivated");
    return { ...user, attributes: body.attributes, groups: [] };
  } catch (err) {
    log?.notWritten();
    if (isUniqueViolation(err)) throw userNameTaken(c.userName);
    throw err;
  }
}

/** RFC 7644 §3.3: a duplicate userName is 409 uniqueness (Okta's spec test checks it). */
export function userNameTaken(userName: string) {
  return new ScimError(409, "uniqueness", `userName "${userName}" is already in use in this directory`);
}
