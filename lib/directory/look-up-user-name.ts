import type { ScimRequestLog } from "@/lib/audit/scim-request-log";
import { sql } from "@/lib/db/sql";
import type { FilterNode } from "@/lib/scim/filter-ast";
import type { ListQuery } from "@/lib/scim/requests";
import type { ScimResourceRecord } from "@/lib/scim/resources";
import { userGroupsColumn } from "./load-user-groups";
import { loggedRead } from "./query-resources";
import { USER_SQL } from "./sql-mappings";

/**
 * The userName a filter asks for when it is exactly `userName eq "<string>"` (any case of the name, bare or
 * qualified with the core schema's URN): the lookup Entra, Okta, OneLogin and JumpCloud send before each create or
 * update. Anything else, even an equivalent filter in another form, is answered by the general list.
 */
export function userNameEquals(filter: FilterNode): string | undefined {
  if (filter.kind !== "compare" || filter.op !== "eq" || typeof filter.value !== "string") return undefined;
  const { uri, attr, sub } = filter.path;
  if (sub !== undefined || attr.toLowerCase() !== "username") return undefined;
  if (uri !== undefined && uri.toLowerCase() !== USER_SQL.coreUrn) return undefined;
  return filter.value;
}

/**
 * GET /Users?filter=userName eq "…" as one probe of the (directoryId, userName) unique index: at most one user
 * matches, so the page and the exact total come from the same row, without the general list's page, count and
 * ordering (lib/directory/query-resources.ts), and its answer is the one that list would give: the same columns, the
 * total whatever the page, and the user only on a page that starts at 1 and holds any. With `log`, the same statement
 * writes the request's sync-log entry, as the list's does.
 *
 * Issue 13: this lookup is an identity provider's most frequent request, sent before each create, so it must not
 * depend on the planner's statistics. The general list's page (ORDER BY, LIMIT) was planned from statistics that had
 * not yet seen a directory being imported: it read the directory's users, or the whole table, for every lookup until
 * ANALYZE came (lib/db/plans-after-import.test.ts). Equality on both columns of a unique index is one row whatever the
 * statistics say. In CPU it is about even with the general list in steady state (0.95 of it, side by side; README).
 */
export async function lookUpUserName(
  { directoryId, userName, query, withGroups, log }: { directoryId: string; userName: string; query: ListQuery; withGroups: boolean; log?: ScimRequestLog },
) {
  const params: unknown[] = [directoryId, userName];
  // citext, as the general filter compares it (RFC 7643 §4.1.1: userName is not caseExact), so the index is used.
  const rows = await loggedRead(log, () => sql.query<ScimResourceRecord>(
    `WITH u AS (SELECT * FROM "DirectoryUser" WHERE "directoryId" = $1 AND "userName" = $2::citext)${log ? `, log AS (${log.insertForRead(params)})` : ""}
     SELECT u."id", u."attributes", u."version", u."createdAt", u."updatedAt"${withGroups ? `, ${userGroupsColumn("u")} AS "groups"` : ""} FROM u`,
    params,
  ));
  return { totalResults: rows.length, users: query.startIndex === 1 && query.count > 0 ? rows : [] };
}
