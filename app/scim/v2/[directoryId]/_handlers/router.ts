import type { ScimContext } from "@/lib/http/with-scim-directory";
import { scimJson } from "@/lib/http/scim-response";
import { ScimError } from "@/lib/scim/errors";
import type { ListQuery } from "@/lib/scim/requests";
import { toScimListResponse } from "@/lib/scim/resources";
import { parseListQuery, readBody } from "./projection";
import { resourceTypeRoute, resourceTypesRoute, schemaRoute, schemasRoute, serviceProviderConfigRoute } from "./discovery";
import { createGroupRoute, deleteGroupRoute, getGroupRoute, listGroupsRoute, patchGroupRoute, replaceGroupRoute } from "./groups";
import { listAllRoute, searchQuery } from "./search";
import { createUserRoute, deleteUserRoute, getUserRoute, listUsersRoute, patchUserRoute, replaceUserRoute } from "./users";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Handlers = {
  collection: Partial<Record<Method, (ctx: ScimContext) => Promise<Response>>>;
  item: Partial<Record<Method, (ctx: ScimContext, id: string) => Promise<Response>>>;
  /** POST {collection}/.search (RFC 7644 §3.4.3): the collection's GET, with the query read from the body. */
  search?: (ctx: ScimContext, query: ListQuery) => Promise<Response>;
};

/** RFC 7644 §3.4.3: `.search` is a reserved name, never a resource id. */
const SEARCH = ".search";

/**
 * Endpoints RFC 7644 defines that Rollcall does not offer: 501 with a SCIM error (§3.12) says "not supported here",
 * where 404 would say "no such path". /ServiceProviderConfig says bulk is unsupported too.
 */
const NOT_IMPLEMENTED: Record<string, string> = {
  bulk: "Bulk operations (RFC 7644 §3.7) are not supported; /ServiceProviderConfig says bulk.supported is false. Send each operation on its own",
  me: "The /Me alias (RFC 7644 §3.11) is not supported: SCIM tokens here belong to a directory, not to a user",
};

// Keys are lower-case: the resource segment is matched in any case, since Microsoft's validator sends `/users`.
const ROUTES: Record<string, Handlers> = {
  users: {
    collection: { GET: listUsersRoute, POST: createUserRoute },
    item: { GET: getUserRoute, PUT: replaceUserRoute, PATCH: patchUserRoute, DELETE: deleteUserRoute },
    search: listUsersRoute,
  },
  groups: {
    collection: { GET: listGroupsRoute, POST: createGroupRoute },
    item: { GET: getGroupRoute, PUT: replaceGroupRoute, PATCH: patchGroupRoute, DELETE: deleteGroupRoute },
    search: listGroupsRoute,
  },
  serviceproviderconfig: { collection: { GET: serviceProviderConfigRoute }, item: {} },
  resourcetypes: { collection: { GET: resourceTypesRoute }, item: { GET: resourceTypeRoute } },
  schemas: { collection: { GET: schemasRoute }, item: { GET: schemaRoute } },
};

/** Dispatches a SCIM request on its path below the directory; unknown paths and methods are SCIM errors too. */
export async function routeScimRequest(ctx: ScimContext): Promise<Response> {
  const [resource, id, ...rest] = ctx.segments;
  const method = ctx.req.method.toUpperCase() as Method;
  if (resource === undefined || resource === SEARCH) return rootSearch(ctx, method, resource);
  const notImplemented = NOT_IMPLEMENTED[resource.toLowerCase()];
  if (notImplemented) throw new ScimError(501, undefined, notImplemented);
  const handlers = ROUTES[resource.toLowerCase()];
  if (!handlers || rest.length > 0) throw new ScimError(404, undefined, `No SCIM endpoint at ${ctx.url.pathname}`);
  if (resource.toLowerCase() === "groups" && ctx.directory.syncMode === "DEPROVISION_ONLY") return await deprovisionOnlyGroups(ctx, method, id);
  if (id === SEARCH && handlers.search) {
    if (method !== "POST") throw methodNotAllowed(method, ctx, ["POST"]);
    return handlers.search(ctx, await searchQuery(ctx));
  }
  if (id === undefined) {
    const handler = handlers.collection[method];
    if (!handler) throw methodNotAllowed(method, ctx, Object.keys(handlers.collection));
    return handler(ctx);
  }
  const handler = handlers.item[method];
  if (!handler) throw methodNotAllowed(method, ctx, Object.keys(handlers.item));
  return handler(ctx, id);
}

/** GET on the root and POST /.search (RFC 7644 §3.4.2.1, §3.4.3): one list of every resource type. */
async function rootSearch(ctx: ScimContext, method: Method, segment: string | undefined): Promise<Response> {
  if (segment === undefined && method === "GET") return listAllRoute(ctx, parseListQuery(ctx));
  if (segment === SEARCH && method === "POST") return listAllRoute(ctx, await searchQuery(ctx));
  throw methodNotAllowed(method, ctx, [segment === undefined ? "GET" : "POST"]);
}

function methodNotAllowed(method: string, ctx: ScimContext, allowed: string[]) {
  if (allowed.length === 0) return new ScimError(404, undefined, `No SCIM endpoint at ${ctx.url.pathname}`);
  return new ScimError(405, undefined, `${method} is not supported on ${ctx.url.pathname}; use ${allowed.join(", ")}`, { Allow: allowed.join(", ") });
}

/**
 * DEPROVISION_ONLY (DESIGN.md, "Sync modes"): group writes are refused with a reason the identity provider's
 * admin can act on; reads answer an empty directory so that connection tests pass.
 */
async function deprovisionOnlyGroups(ctx: ScimContext, method: Method, id: string | undefined): Promise<Response> {
  if (id === SEARCH && method === "POST") {
    ctx.log.about("Group", null);
    return scimJson(toScimListResponse([], { totalResults: 0, startIndex: (await searchQuery(ctx)).startIndex }));
  }
  ctx.log.about("Group", id ?? null);
  if (method === "GET" && id === undefined) {
    return scimJson(toScimListResponse([], { totalResults: 0, startIndex: parseListQuery(ctx).startIndex }));
  }
  if (method === "GET") throw new ScimError(404, undefined, `Group ${id} not found`);
  // The refusal is the answer whatever the body holds; the body is only kept so the sync log can name the group
  // the provider tried to push ("Okta tried to create group Engineering").
  const body = method === "POST" || method === "PUT" || method === "PATCH" ? await readBody(ctx).catch(() => null) : null;
  const displayName = body !== null && typeof body === "object" ? (body as { displayName?: unknown }).displayName : undefined;
  if (typeof displayName === "string" && displayName.trim() !== "") ctx.log.about("Group", id ?? null, displayName);
  throw new ScimError(403, undefined, "Group provisioning is off for this directory (deprovision-only mode): turn off group push in your identity provider, or switch the directory to full provisioning");
}
