/** RFC 7644 §4 discovery endpoints, generated from the attribute table in schemas.ts. `baseUrl` ends with the directory id. */
import { ScimError } from "./errors";
import { LIST_MAX_RESULTS } from "./requests";
import { toScimListResponse } from "./resources";
import {
  ALL_SCHEMAS, ENTERPRISE_USER_URN, GROUP_URN, RESOURCE_TYPE_URN, SCHEMA_URN, SERVICE_PROVIDER_CONFIG_URN, USER_URN,
  type SchemaDefinition,
} from "./schemas";

/** RFC 7643 §5. Everything here must be true of the routes: clients (Entra, Okta) plan their requests from it. */
export function toServiceProviderConfig(baseUrl: string) {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_URN],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: LIST_MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [{
      type: "oauthbearertoken",
      name: "OAuth Bearer Token",
      description: "Authentication with the directory's SCIM bearer token, sent as `Authorization: Bearer <token>`.",
      specUri: "https://www.rfc-editor.org/info/rfc6750",
      primary: true,
    }],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
  };
}

const RESOURCE_TYPES = [
  {
    id: "User", name: "User", endpoint: "/Users", description: "User Account", schema: USER_URN,
    schemaExtensions: [{ schema: ENTERPRISE_USER_URN, required: false }],
  },
  { id: "Group", name: "Group", endpoint: "/Groups", description: "Group", schema: GROUP_URN, schemaExtensions: [] },
];

function toResourceType(type: (typeof RESOURCE_TYPES)[number], baseUrl: string) {
  return {
    schemas: [RESOURCE_TYPE_URN],
    ...type,
    meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/${type.id}` },
  };
}

/** GET /ResourceTypes. User comes first: Microsoft's collection reads `Resources[0].endpoint` as "/Users". */
export function toResourceTypesListResponse(baseUrl: string) {
  const resources = RESOURCE_TYPES.map((t) => toResourceType(t, baseUrl));
  return toScimListResponse(resources, { totalResults: resources.length, startIndex: 1 });
}

/** GET /ResourceTypes/{name}; the name matches in any case. */
export function getResourceTypeOrThrow(name: string, baseUrl: string) {
  const type = RESOURCE_TYPES.find((t) => t.id.toLowerCase() === name.toLowerCase());
  if (!type) throw new ScimError(404, undefined, `Resource type ${name} not found`);
  return toResourceType(type, baseUrl);
}

function toSchema(schema: SchemaDefinition, baseUrl: string) {
  return {
    schemas: [SCHEMA_URN],
    ...schema,
    meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${schema.id}` },
  };
}

/** GET /Schemas: User, EnterpriseUser, Group. */
export function toSchemasListResponse(baseUrl: string) {
  const resources = ALL_SCHEMAS.map((s) => toSchema(s, baseUrl));
  return toScimListResponse(resources, { totalResults: resources.length, startIndex: 1 });
}

/** GET /Schemas/{urn}; URNs match in any case (RFC 8141 §3.1). */
export function getSchemaOrThrow(urn: string, baseUrl: string) {
  const schema = ALL_SCHEMAS.find((s) => s.id.toLowerCase() === urn.toLowerCase());
  if (!schema) throw new ScimError(404, undefined, `Schema ${urn} not found`);
  return toSchema(schema, baseUrl);
}
