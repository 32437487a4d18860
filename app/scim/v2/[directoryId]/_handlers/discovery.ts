import { scimJson } from "@/lib/http/scim-response";
import type { ScimContext } from "@/lib/http/with-scim-directory";
import { getResourceTypeOrThrow, getSchemaOrThrow, toResourceTypesListResponse, toSchemasListResponse, toServiceProviderConfig } from "@/lib/scim/discovery";

// RFC 7644 §4: discovery endpoints, generated from lib/scim/schemas.ts so they never disagree with behaviour.
export const serviceProviderConfigRoute = async (ctx: ScimContext) => scimJson(toServiceProviderConfig(ctx.baseUrl));
export const resourceTypesRoute = async (ctx: ScimContext) => scimJson(toResourceTypesListResponse(ctx.baseUrl));
export const resourceTypeRoute = async (ctx: ScimContext, name: string) => scimJson(getResourceTypeOrThrow(name, ctx.baseUrl));
export const schemasRoute = async (ctx: ScimContext) => scimJson(toSchemasListResponse(ctx.baseUrl));
export const schemaRoute = async (ctx: ScimContext, urn: string) => scimJson(getSchemaOrThrow(urn, ctx.baseUrl));
