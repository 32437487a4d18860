import type { ScimRequestLog } from "@/lib/audit/scim-request-log";
import { sql, type Sql } from "@/lib/db/sql";
import { ScimError } from "@/lib/scim/errors";
import type { ScimResourceRecord } from "@/lib/scim/resources";
import { userGroupsColumn } from "./load-user-groups";
import { loggedRead } from "./query-resources";

/**
 * A user of this directory, with its groups, in one statement. 404 alike for "missing" and "another directory's".
 * With `log` (GET /Users/{id}), the same statement writes the request's sync-log entry, naming the user read as
 * writes do (email, else userName: the columns every write stores from the attributes), and only if it was found.
 */
export async function getUserOrThrow(
  { directoryId, userId, withGroups = true, log }: { directoryId: string; userId: string; withGroups?: boolean; log?: ScimRequestLog },
  tx: Sql = sql,
): Promise<ScimResourceRecord> {
  const params: unknown[] = [directoryId, userId];
  const logged = log ? `, log AS (${log.insertForRead(params, { from: "u", resourceType: "User", id: `u."id"`, subject: `coalesce(u."email", u."userName")::text` })})` : "";
  const [user] = await loggedRead(log, () => tx.query<ScimResourceRecord>(
    `WITH u AS (SELECT * FROM "DirectoryUser" WHERE "directoryId" = $1 AND "id" = $2)${logged}
     SELECT u."id", u."attributes", u."version", u."createdAt", u."updatedAt"${withGroups ? `, ${userGroupsColumn("u")} AS "groups"` : ""} FROM u`,
    params,
  ));
  if (!user) {
    log?.notWritten();
    throw new ScimError(404, undefined, `User ${userId} not found`);
  }
  return user;
}
