import type { ScimRequestLog } from "@/lib/audit/scim-request-log";
import { transaction } from "@/lib/db/sql";
import { newId } from "@/lib/ids";
import { userEventData } from "./event-data";
import { lockResourceOrThrow } from "./lock-resource-or-throw";
import { loggedRead } from "./query-resources";
import type { ProvisioningDirectory } from "./types";

/**
 * DELETE /Users/{id}: the SCIM resource and its memberships go (a second DELETE is 404, RFC 7644 §3.6);
 * the account stays, deactivated, with its sessions revoked, and is unlinked by the foreign key. The events are
 * `account.deactivated` (if the account was active), then `dsync.user.deleted` with the user's last state.
 *
 * Issue 13: four round trips after BEGIN, where there were nine. The user is locked (404 and If-Match), then its
 * account; then ONE statement deactivates the account, revokes its sessions, writes both events and the sync-log
 * entry, and deletes the user. The account's lock is taken by a statement of its own, before that one: a session
 * created while this waited for the lock (createSession holds the account FOR SHARE) committed before the next
 * statement's snapshot, which therefore sees it to revoke it (save-user-attributes.ts does the same).
 */
export async function deleteUser({ directory, userId, ifMatch, log }: { directory: ProvisioningDirectory; userId: string; ifMatch?: string | null; log?: ScimRequestLog }) {
  await transaction(async (tx) => {
    const user = await lockResourceOrThrow(tx, { resourceType: "User", directoryId: directory.id, id: userId, ifMatch });
    log?.about("User", userId, String(user.attributes.userName ?? ""));
    const [account] = await tx.query<{ id: string }>(
      `SELECT "id" FROM "Account" WHERE "organizationId" = $1 AND "directoryUserId" = $2 FOR UPDATE`,
      [directory.organizationId, userId],
    );
    const params: unknown[] = [
      directory.organizationId, directory.id, userId, account?.id ?? null, // $1–$4
      newId("evt"), newId("evt"), JSON.stringify({ ...userEventData(directory, user), state: "inactive" }), // $5–$7
    ];
    const logged = log
      ? `, log AS (${log.insertWithin(params, 204, {
          from: "gone", resourceType: "User", id: `gone."id"`,
          actions: `array_remove(ARRAY['user.deleted', (SELECT 'account.deactivated' FROM acct)]::text[], NULL)`,
        })})`
      : "";
    const [row] = await loggedRead(log, () => tx.query<{ accountDeactivated: boolean }>(
      `WITH acct AS (
         UPDATE "Account" SET "status" = 'deactivated', "deactivatedAt" = now(), "updatedAt" = now()
          WHERE "organizationId" = $1 AND "id" = $4 AND "status" = 'active'
          RETURNING "id", "email"::text AS "email"
       ), revoked AS (
         UPDATE "Session" SET "revokedAt" = now()
          WHERE "organizationId" = $1 AND "accountId" IN (SELECT "id" FROM acct) AND "revokedAt" IS NULL
          RETURNING 1
       ), events AS (
         -- One INSERT, ordered, so that the events' seq keeps their order (data-modifying CTEs run in no set order).
         INSERT INTO "Event" ("id", "type", "organizationId", "directoryId", "data")
         SELECT e."id", e."type", $1, $2, e."data" FROM (
           SELECT 1 AS ord, $5::text AS "id", 'account.deactivated' AS "type",
                  jsonb_build_object('id', a."id", 'email', a."email", 'directory_user_id', $3::text, 'status', 'deactivated', 'sessions_revoked', (SELECT count(*) FROM revoked)) AS "data"
             FROM acct a
           UNION ALL
           SELECT 2, $6::text, 'dsync.user.deleted', $7::jsonb
         ) e ORDER BY e.ord
       ), gone AS (
         DELETE FROM "DirectoryUser" WHERE "directoryId" = $2 AND "id" = $3 RETURNING "id"
       )${logged}
       SELECT EXISTS (SELECT 1 FROM acct) AS "accountDeactivated"`,
      params,
    ));
    // The entry in memory says what the one in the database says.
    log?.action("user.deleted");
    if (row?.accountDeactivated) log?.action("account.deactivated");
  });
}
