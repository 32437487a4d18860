import { listAllResources } from "@/lib/directory/list-all-resources";
import { scimJson } from "@/lib/http/scim-response";
import type { ScimContext } from "@/lib/http/with-scim-directory";
import { searchRequestSchema, type ListQuery } from "@/lib/scim/requests";
import { toScimGroup, toScimListResponse, toScimUser } from "@/lib/scim/resources";
import { project, projectionOf, readBody, wants } from "./projection";

/** The body of POST …/.search (RFC 7644 §3.4.3), read into the query the equivalent GET would have. */
export async function searchQuery(ctx: ScimContext): Promise<ListQuery> {
  return searchRequestSchema.parse(await readBody(ctx));
}

// GET / and POST /.search on the directory's root — RFC 7644 §3.4.2.1, §3.4.3: users, then groups.
export async function listAllRoute(ctx: ScimContext, query: ListQuery) {
  const projection = projectionOf(query);
  const { totalResults, users, groups } = await listAllResources({
    directoryId: ctx.directory.id, query,
    withGroups: wants("User", "groups", projection),
    withMembers: wants("Group", "members", projection),
    withGroupResources: ctx.directory.syncMode !== "DEPROVISION_ONLY",
  });
  const resources = [
    ...users.map((u) => project(toScimUser(u, ctx.baseUrl), projection, "User")),
    ...groups.map(({ group, members }) => project(toScimGroup(group, members, ctx.baseUrl), projection, "Group")),
  ];
  return scimJson(toScimListResponse(resources, { totalResults, startIndex: query.startIndex }));
}
