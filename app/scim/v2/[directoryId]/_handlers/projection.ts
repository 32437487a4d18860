import { ScimError } from "@/lib/scim/errors";
import { listQuerySchema, type ListQuery } from "@/lib/scim/requests";
import { isAttributeReturned, projectResource, type Projection } from "@/lib/scim/resources";
import type { ResourceTypeName } from "@/lib/scim/schemas";
import { readScimJson } from "@/lib/http/scim-response";
import type { ScimContext } from "@/lib/http/with-scim-directory";

/** Query parameters of a list or a GET (RFC 7644 §3.4.2); `+` and `%20` both arrive as spaces via URLSearchParams. */
export function parseListQuery(ctx: ScimContext): ListQuery {
  const parsed = listQuerySchema.safeParse(ctx.url.searchParams);
  if (!parsed.success) throw new ScimError(400, "invalidValue", parsed.error.issues[0]?.message ?? "Invalid query parameters");
  return parsed.data;
}

export function projectionOf(query: Pick<ListQuery, "attributes" | "excludedAttributes">): Projection {
  return { attributes: query.attributes, excludedAttributes: query.excludedAttributes };
}

export function wants(resourceType: ResourceTypeName, attribute: string, projection: Projection): boolean {
  return isAttributeReturned(resourceType, attribute, projection);
}

export function project(resource: Record<string, unknown>, projection: Projection, resourceType: ResourceTypeName) {
  return projection.attributes || projection.excludedAttributes ? projectResource(resource, projection, resourceType) : resource;
}

/** The request body, kept (secrets redacted) for this request's sync-log entry. */
export async function readBody(ctx: ScimContext): Promise<unknown> {
  const body = await readScimJson(ctx.req);
  ctx.log.setRequestBody(body);
  return body;
}
