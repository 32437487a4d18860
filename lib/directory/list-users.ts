import type { ScimRequestLog } from "@/lib/audit/scim-request-log";
import { parseFilter } from "@/lib/scim/filter";
import type { ListQuery } from "@/lib/scim/requests";
import type { ScimResourceRecord } from "@/lib/scim/resources";
import { pageGroupsJoin } from "./load-user-groups";
import { lookUpUserName, userNameEquals } from "./look-up-user-name";
import { queryResources } from "./query-resources";
import { USER_SQL } from "./sql-mappings";

/**
 * GET /Users: a page of the directory's users, with their groups unless the caller doesn't want them, in one
 * statement; with `log`, that statement also writes the request's sync-log entry. A `userName eq` lookup without a
 * sortBy (which the general list checks) is one index probe (lib/directory/look-up-user-name.ts).
 */
export async function listUsers({ directoryId, query, withGroups, log }: { directoryId: string; query: ListQuery; withGroups: boolean; log?: ScimRequestLog }) {
  const userName = query.filter !== undefined && query.sortBy === undefined ? userNameEquals(parseFilter(query.filter)) : undefined;
  if (userName !== undefined) return lookUpUserName({ directoryId, userName, query, withGroups, log });
  const { totalResults, rows } = await queryResources({ name: "DirectoryUser", alias: "u", mapping: USER_SQL }, directoryId, query, {
    log, pageJoin: withGroups ? pageGroupsJoin("u") : undefined,
  });
  // The rows carry `groups` (a JSON list of { value, display }) when it was selected, as ScimResourceRecord has it.
  return { totalResults, users: rows as ScimResourceRecord[] };
}
