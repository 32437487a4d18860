import type { ScimRequestLog } from "@/lib/audit/scim-request-log";
import type { ListQuery } from "@/lib/scim/requests";
import type { ScimResourceRecord } from "@/lib/scim/resources";
import { pageGroupsJoin } from "./load-user-groups";
import { queryResources } from "./query-resources";
import { USER_SQL } from "./sql-mappings";

/**
 * GET /Users: a page of the directory's users, with their groups unless the caller doesn't want them, in one
 * statement; with `log`, that statement also writes the request's sync-log entry.
 */
export async function listUsers({ directoryId, query, withGroups, log }: { directoryId: string; query: ListQuery; withGroups: boolean; log?: ScimRequestLog }) {
  const { totalResults, rows } = await queryResources({ name: "DirectoryUser", alias: "u", mapping: USER_SQL }, directoryId, query, {
    log, pageJoin: withGroups ? pageGroupsJoin("u") : undefined,
  });
  // The rows carry `groups` (a JSON list of { value, display }) when it was selected, as ScimResourceRecord has it.
  return { totalResults, users: rows as ScimResourceRecord[] };
}
