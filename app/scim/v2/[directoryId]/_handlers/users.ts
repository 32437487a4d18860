import { createUser } from "@/lib/directory/create-user";
import { deleteUser } from "@/lib/directory/delete-user";
import { getUserOrThrow } from "@/lib/directory/get-user-or-throw";
import { listUsers } from "@/lib/directory/list-users";
import { patchUser } from "@/lib/directory/patch-user";
import { replaceUser } from "@/lib/directory/replace-user";
import { scimJson, scimNoContent } from "@/lib/http/scim-response";
import type { ScimContext } from "@/lib/http/with-scim-directory";
import { toEtag } from "@/lib/scim/etag";
import { createUserBodySchema, patchRequestSchema, replaceUserBodySchema, type ListQuery } from "@/lib/scim/requests";
import { toScimListResponse, toScimUser } from "@/lib/scim/resources";
import { parseListQuery, project, projectionOf, readBody, wants } from "./projection";

// GET /Users — RFC 7644 §3.4.2; POST /Users/.search (§3.4.3) passes the query its body holds.
export async function listUsersRoute(ctx: ScimContext, query: ListQuery = parseListQuery(ctx)) {
  const projection = projectionOf(query);
  const { totalResults, users } = await listUsers({ directoryId: ctx.directory.id, query, withGroups: wants("User", "groups", projection), log: ctx.log });
  const resources = users.map((u) => project(toScimUser(u, ctx.baseUrl), projection, "User"));
  return scimJson(toScimListResponse(resources, { totalResults, startIndex: query.startIndex }));
}

// POST /Users — RFC 7644 §3.3
export async function createUserRoute(ctx: ScimContext) {
  const body = createUserBodySchema.parse(await readBody(ctx));
  const user = await createUser({ directory: ctx.directory, body, log: ctx.log });
  const resource = toScimUser(user, ctx.baseUrl);
  return scimJson(resource, { status: 201, headers: { Location: `${ctx.baseUrl}/Users/${user.id}`, ETag: toEtag(user.version) } });
}

// GET /Users/{id} — RFC 7644 §3.4.1
export async function getUserRoute(ctx: ScimContext, userId: string) {
  const projection = projectionOf(parseListQuery(ctx));
  // The sync log names whom the provider read, in the same words as for writes (email, else userName).
  const user = await getUserOrThrow({ directoryId: ctx.directory.id, userId, withGroups: wants("User", "groups", projection), log: ctx.log });
  return scimJson(project(toScimUser(user, ctx.baseUrl), projection, "User"), { headers: { ETag: toEtag(user.version) } });
}

// PUT /Users/{id} — RFC 7644 §3.5.1
export async function replaceUserRoute(ctx: ScimContext, userId: string) {
  const body = replaceUserBodySchema(userId).parse(await readBody(ctx));
  const user = await replaceUser({ directory: ctx.directory, userId, body, ifMatch: ctx.req.headers.get("if-match"), log: ctx.log });
  return scimJson(toScimUser(user, ctx.baseUrl), { headers: { ETag: toEtag(user.version) } });
}

// PATCH /Users/{id} — RFC 7644 §3.5.2; answers 200 with the resource, which Okta and Entra both accept.
export async function patchUserRoute(ctx: ScimContext, userId: string) {
  const body = patchRequestSchema.parse(await readBody(ctx));
  const user = await patchUser({ directory: ctx.directory, userId, operations: body.Operations, ifMatch: ctx.req.headers.get("if-match"), log: ctx.log });
  const projection = projectionOf(parseListQuery(ctx));
  return scimJson(project(toScimUser(user, ctx.baseUrl), projection, "User"), { headers: { ETag: toEtag(user.version) } });
}

// DELETE /Users/{id} — RFC 7644 §3.6
export async function deleteUserRoute(ctx: ScimContext, userId: string) {
  await deleteUser({ directory: ctx.directory, userId, ifMatch: ctx.req.headers.get("if-match"), log: ctx.log });
  return scimNoContent();
}
