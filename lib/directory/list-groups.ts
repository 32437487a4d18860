import { sql } from "@/lib/db/sql";
import type { ListQuery } from "@/lib/scim/requests";
import type { ScimMember } from "@/lib/scim/resources";
import { loadGroupMembers } from "./group-members";
import { queryResources } from "./query-resources";
import { GROUP_SQL } from "./sql-mappings";

/** GET /Groups: a page of groups; members only when wanted (Entra asks with excludedAttributes=members). */
export async function listGroups({ directoryId, query, withMembers }: { directoryId: string; query: ListQuery; withMembers: boolean }) {
  const { totalResults, rows } = await queryResources({ name: "DirectoryGroup", alias: "g", mapping: GROUP_SQL }, directoryId, query);
  const members: Map<string, ScimMember[]> | undefined = withMembers ? await loadGroupMembers(sql, directoryId, rows.map((r) => r.id)) : undefined;
  return { totalResults, groups: rows.map((group) => ({ group, members: members?.get(group.id) })) };
}
