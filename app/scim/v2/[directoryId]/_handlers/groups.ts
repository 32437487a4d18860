import { createGroup } from "@/lib/directory/create-group";
import { deleteGroup } from "@/lib/directory/delete-group";
import { getGroupOrThrow } from "@/lib/directory/get-group-or-throw";
import { loadGroupMembers } from "@/lib/directory/group-members";
import { listGroups } from "@/lib/directory/list-groups";
import { patchGroup } from "@/lib/directory/patch-group";
import { replaceGroup } from "@/lib/directory/replace-group";
import { sql } from "@/lib/db/sql";
import { scimJson, scimNoContent } from "@/lib/http/scim-response";
import type { ScimContext } from "@/lib/http/with-scim-directory";
import { toEtag } from "@/lib/scim/etag";
import { createGroupBodySchema, patchRequestSchema, replaceGroupBodySchema, type ListQuery } from "@/lib/scim/requests";
import { toScimGroup, toScimListResponse, type ScimResourceRecord } from "@/lib/scim/resources";
import { parseListQuery, project, projectionOf, readBody, wants } from "./projection";
import type { Projection } from "@/lib/scim/resources";

async function groupResource(ctx: ScimContext, group: ScimResourceRecord, projection: Projection) {
  const members = wants("Group", "members", projection) ? (await loadGroupMembers(sql, ctx.directory.id, [group.id])).get(group.id) ?? [] : undefined;
  return project(toScimGroup(group, members, ctx.baseUrl), projection, "Group");
}

// GET /Groups — RFC 7644 §3.4.2; POST /Groups/.search (§3.4.3) passes the query its body holds.
export async function listGroupsRoute(ctx: ScimContext, query: ListQuery = parseListQuery(ctx)) {
  const projection = projectionOf(query);
  const { totalResults, groups } = await listGroups({ directoryId: ctx.directory.id, query, withMembers: wants("Group", "members", projection), log: ctx.log });
  const resources = groups.map(({ group, members }) => project(toScimGroup(group, members, ctx.baseUrl), projection, "Group"));
  return scimJson(toScimListResponse(resources, { totalResults, startIndex: query.startIndex }));
}

// POST /Groups — RFC 7644 §3.3
export async function createGroupRoute(ctx: ScimContext) {
  const body = createGroupBodySchema.parse(await readBody(ctx));
  const group = await createGroup({ directory: ctx.directory, body, log: ctx.log });
  const resource = await groupResource(ctx, group, {});
  return scimJson(resource, { status: 201, headers: { Location: `${ctx.baseUrl}/Groups/${group.id}`, ETag: toEtag(group.version) } });
}

// GET /Groups/{id} — RFC 7644 §3.4.1
export async function getGroupRoute(ctx: ScimContext, groupId: string) {
  const projection = projectionOf(parseListQuery(ctx));
  const group = await getGroupOrThrow({ directoryId: ctx.directory.id, groupId });
  ctx.log.about("Group", group.id, String(group.attributes.displayName ?? "") || null);
  return scimJson(await groupResource(ctx, group, projection), { headers: { ETag: toEtag(group.version) } });
}

// PUT /Groups/{id} — RFC 7644 §3.5.1
export async function replaceGroupRoute(ctx: ScimContext, groupId: string) {
  const body = replaceGroupBodySchema(groupId).parse(await readBody(ctx));
  const group = await replaceGroup({ directory: ctx.directory, groupId, body, ifMatch: ctx.req.headers.get("if-match"), log: ctx.log });
  return scimJson(await groupResource(ctx, group, {}), { headers: { ETag: toEtag(group.version) } });
}

// PATCH /Groups/{id} — RFC 7644 §3.5.2. Entra expects 204; a caller that names `attributes` gets the resource.
export async function patchGroupRoute(ctx: ScimContext, groupId: string) {
  const body = patchRequestSchema.parse(await readBody(ctx));
  const query = parseListQuery(ctx);
  const group = await patchGroup({
    directory: ctx.directory, groupId, operations: body.Operations, ifMatch: ctx.req.headers.get("if-match"), log: ctx.log,
    successStatus: query.attributes ? 200 : 204,
  });
  if (!query.attributes) return scimNoContent({ ETag: toEtag(group.version) });
  return scimJson(await groupResource(ctx, group, projectionOf(query)), { headers: { ETag: toEtag(group.version) } });
}

// DELETE /Groups/{id} — RFC 7644 §3.6
export async function deleteGroupRoute(ctx: ScimContext, groupId: string) {
  await deleteGroup({ directory: ctx.directory, groupId, ifMatch: ctx.req.headers.get("if-match"), log: ctx.log });
  return scimNoContent();
}
