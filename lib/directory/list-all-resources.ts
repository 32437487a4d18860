import type { ListQuery } from "@/lib/scim/requests";
import { listGroups } from "./list-groups";
import { listUsers } from "./list-users";

/**
 * A query on the service provider's root (RFC 7644 §3.4.2.1, §3.4.3): every resource type at once, users first and
 * then groups, paged as one list. Each type is filtered and sorted on its own (a filter on an attribute one type
 * lacks matches none of that type); the groups' page takes up where the users run out.
 * `withGroupResources: false` (deprovision-only directories) answers users alone, as GET /Groups answers no group.
 */
export async function listAllResources(
  { directoryId, query, withGroups, withMembers, withGroupResources }: {
    directoryId: string; query: ListQuery; withGroups: boolean; withMembers: boolean; withGroupResources: boolean;
  },
) {
  const users = await listUsers({ directoryId, query, withGroups });
  if (!withGroupResources) return { totalResults: users.totalResults, users: users.users, groups: [] };
  const remaining = query.count - users.users.length;
  const skip = Math.max(0, query.startIndex - 1 - users.totalResults);
  const groups = await listGroups({ directoryId, query: { ...query, startIndex: skip + 1, count: remaining }, withMembers });
  return { totalResults: users.totalResults + groups.totalResults, users: users.users, groups: groups.groups };
}
