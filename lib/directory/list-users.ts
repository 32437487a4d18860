import { sql } from "@/lib/db/sql";
import type { ListQuery } from "@/lib/scim/requests";
import type { ScimResourceRecord } from "@/lib/scim/resources";
import { loadUserGroups } from "./load-user-groups";
import { queryResources } from "./query-resources";
import { USER_SQL } from "./sql-mappings";

/** GET /Users: a page of the directory's users, with their groups unless the caller doesn't want them. */
export async function listUsers({ directoryId, query, withGroups }: { directoryId: string; query: ListQuery; withGroups: boolean }) {
  const { totalResults, rows } = await queryResources({ name: "DirectoryUser", alias: "u", mapping: USER_SQL }, directoryId, query);
  const groups = withGroups ? await loadUserGroups(sql, directoryId, rows.map((r) => r.id)) : undefined;
  const users: ScimResourceRecord[] = rows.map((r) => ({ ...r, groups: groups ? groups.get(r.id) ?? [] : undefined }));
  return { totalResults, users };
}
