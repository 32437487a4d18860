import type { ScimRequestLog } from "@/lib/audit/scim-request-log";
import { sql } from "@/lib/db/sql";
import type { ListQuery } from "@/lib/scim/requests";
import type { ScimMember } from "@/lib/scim/resources";
import { loadGroupMembers } from "./group-members";
import { queryResources } from "./query-resources";
import { GROUP_SQL } from "./sql-mappings";
import { trimToMemberBudget } from "./trim-to-member-budget";

/**
 * GET /Groups: a page of groups; members only when wanted (Entra asks with excludedAttributes=members). With `log`
 * and without members, the page's statement writes the request's sync-log entry too.
 */
export async function listGroups({ directoryId, query, withMembers, log }: { directoryId: string; query: ListQuery; withMembers: boolean; log?: ScimRequestLog }) {
  const { totalResults, rows } = await queryResources({ name: "DirectoryGroup", alias: "g", mapping: GROUP_SQL }, directoryId, query, {
    // Logged in the page's statement only when no statement follows it (members come in more), so that the entry
    // never says 200 for a request that then failed.
    log: withMembers ? undefined : log,
  });
  // Issue 12: members of every group of a 1,000-group page could be millions of rows; the page ends at a budget.
  const page = withMembers ? await trimToMemberBudget(sql, directoryId, rows) : rows;
  const members: Map<string, ScimMember[]> | undefined = withMembers ? await loadGroupMembers(sql, directoryId, page.map((r) => r.id)) : undefined;
  return { totalResults, groups: page.map((group) => ({ group, members: members?.get(group.id) })) };
}
