import { describe, expect, it } from "vitest";
import {
  getResourceTypeOrThrow, getSchemaOrThrow, toResourceTypesListResponse, toSchemasListResponse, toServiceProviderConfig,
} from "./discovery";
import { ScimError } from "./errors";
import {
  ENTERPRISE_USER_URN as EXT, GROUP_URN, LIST_RESPONSE_URN, RESOURCE_TYPE_URN, SCHEMA_URN, SERVICE_PROVIDER_CONFIG_URN,
  USER_URN, findAttribute, type AttributeDefinition,
} from "./schemas";

const baseUrl = "http://localhost:3000/scim/v2/dir_1";

describe("GET /scim/v2/{dir}/ServiceProviderConfig", () => {
  it("tells the truth about what the routes support (RFC 7643 §5)", () => {
    expect(toServiceProviderConfig(baseUrl)).toEqual({
      schemas: [SERVICE_PROVIDER_CONFIG_URN],
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: 1000 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [{
        type: "oauthbearertoken", name: "OAuth Bearer Token", description: expect.any(String),
        specUri: "https://www.rfc-editor.org/info/rfc6750", primary: true,
      }],
      meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
    });
  });
});

describe("GET /scim/v2/{dir}/ResourceTypes", () => {
  it("is a ListResponse with User first (Microsoft collection reads Resources[0].endpoint)", () => {
    const list = toResourceTypesListResponse(baseUrl);
    expect(list).toMatchObject({ schemas: [LIST_RESPONSE_URN], totalResults: 2, itemsPerPage: 2, startIndex: 1 });
    expect(list.Resources).toEqual([
      {
        schemas: [RESOURCE_TYPE_URN], id: "User", name: "User", endpoint: "/Users", description: "User Account", schema: USER_URN,
        schemaExtensions: [{ schema: EXT, required: false }],
        meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/User` },
      },
      {
        schemas: [RESOURCE_TYPE_URN], id: "Group", name: "Group", endpoint: "/Groups", description: "Group", schema: GROUP_URN,
        schemaExtensions: [], meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/Group` },
      },
    ]);
  });

  it.each([["user", "User"], ["GROUP", "Group"]])("answers /ResourceTypes/%s", (name, id) => {
    expect(getResourceTypeOrThrow(name, baseUrl)).toMatchObject({ id });
  });

  it("404s an unknown resource type", () => {
    expect(() => getResourceTypeOrThrow("Device", baseUrl)).toThrow(expect.objectContaining({ status: 404 }) as ScimError);
  });
});

type Described = Pick<AttributeDefinition, "type" | "multiValued" | "mutability" | "returned" | "uniqueness" | "required" | "caseExact">;
const d = (type: AttributeDefinition["type"], extra: Partial<Described> = {}): Described => ({
  type, multiValued: false, mutability: "readWrite", returned: "default", uniqueness: "none", required: false, caseExact: false, ...extra,
});
const multi = { type: "complex", multiValued: true } as const;

describe("GET /scim/v2/{dir}/Schemas", () => {
  const list = toSchemasListResponse(baseUrl);
  const schemaById = (id: string) => (list.Resources as { id: string; attributes: AttributeDefinition[] }[]).find((s) => s.id === id)!;

  it("is a ListResponse of User, EnterpriseUser and Group with Schema meta", () => {
    expect(list).toMatchObject({ schemas: [LIST_RESPONSE_URN], totalResults: 3, itemsPerPage: 3, startIndex: 1 });
    expect((list.Resources as { id: string }[]).map((s) => s.id)).toEqual([USER_URN, EXT, GROUP_URN]);
    for (const schema of list.Resources as { id: string }[]) {
      expect(schema).toMatchObject({ schemas: [SCHEMA_URN], meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${schema.id}` } });
    }
    // Microsoft's collection asserts this text.
    expect(JSON.stringify(list)).toContain("User Account");
  });

  it.each<[string, string, Described]>([
    [USER_URN, "id", d("string", { mutability: "readOnly", returned: "always", uniqueness: "server", caseExact: true })],
    [USER_URN, "externalId", d("string", { caseExact: true })],
    [USER_URN, "meta", d("complex", { mutability: "readOnly" })],
    [USER_URN, "userName", d("string", { required: true, uniqueness: "server" })],
    [USER_URN, "name", d("complex")],
    [USER_URN, "displayName", d("string")],
    [USER_URN, "nickName", d("string")],
    [USER_URN, "profileUrl", d("reference")],
    [USER_URN, "title", d("string")],
    [USER_URN, "userType", d("string")],
    [USER_URN, "preferredLanguage", d("string")],
    [USER_URN, "locale", d("string")],
    [USER_URN, "timezone", d("string")],
    [USER_URN, "active", d("boolean")],
    [USER_URN, "password", d("string", { mutability: "writeOnly", returned: "never" })],
    [USER_URN, "emails", d("complex", multi)],
    [USER_URN, "phoneNumbers", d("complex", multi)],
    [USER_URN, "ims", d("complex", multi)],
    [USER_URN, "photos", d("complex", multi)],
    [USER_URN, "addresses", d("complex", multi)],
    [USER_URN, "groups", d("complex", { ...multi, mutability: "readOnly" })],
    [USER_URN, "entitlements", d("complex", multi)],
    [USER_URN, "roles", d("complex", multi)],
    [USER_URN, "x509Certificates", d("complex", multi)],
    [EXT, "employeeNumber", d("string")],
    [EXT, "costCenter", d("string")],
    [EXT, "organization", d("string")],
    [EXT, "division", d("string")],
    [EXT, "department", d("string")],
    [EXT, "manager", d("complex")],
    [GROUP_URN, "id", d("string", { mutability: "readOnly", returned: "always", uniqueness: "server", caseExact: true })],
    [GROUP_URN, "externalId", d("string", { caseExact: true })],
    [GROUP_URN, "displayName", d("string", { required: true, uniqueness: "server" })],
    [GROUP_URN, "members", d("complex", multi)],
  ])("%s describes %s", (urn, name, expected) => {
    const attribute = schemaById(urn).attributes.find((a) => a.name === name);
    expect(attribute).toMatchObject({ name, description: expect.stringMatching(/\S/), ...expected });
  });

  it("lists exactly the RFC 7643 attributes, each fully described", () => {
    const names = (urn: string) => schemaById(urn).attributes.map((a) => a.name);
    expect(names(USER_URN)).toEqual([
      "id", "externalId", "meta", "userName", "name", "displayName", "nickName", "profileUrl", "title", "userType", "preferredLanguage",
      "locale", "timezone", "active", "password", "emails", "phoneNumbers", "ims", "photos", "addresses", "groups", "entitlements",
      "roles", "x509Certificates",
    ]);
    expect(names(EXT)).toEqual(["employeeNumber", "costCenter", "organization", "division", "department", "manager"]);
    expect(names(GROUP_URN)).toEqual(["id", "externalId", "meta", "displayName", "members"]);
    const walk = (attrs: AttributeDefinition[]): AttributeDefinition[] => attrs.flatMap((a) => [a, ...walk(a.subAttributes ?? [])]);
    for (const schema of list.Resources as { attributes: AttributeDefinition[] }[]) {
      for (const a of walk(schema.attributes)) {
        expect(Object.keys(a)).toEqual(expect.arrayContaining(
          ["name", "type", "multiValued", "description", "required", "caseExact", "mutability", "returned", "uniqueness"]));
        expect(a.type === "complex").toBe(a.subAttributes !== undefined);
      }
    }
  });

  it.each<[string, string, string[]]>([
    [USER_URN, "name", ["formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix"]],
    [USER_URN, "emails", ["value", "display", "type", "primary"]],
    [USER_URN, "addresses", ["formatted", "streetAddress", "locality", "region", "postalCode", "country", "type", "primary"]],
    [USER_URN, "groups", ["value", "$ref", "display", "type"]],
    [EXT, "manager", ["value", "$ref", "displayName"]],
    [GROUP_URN, "members", ["value", "$ref", "display", "type"]],
  ])("%s %s has its RFC sub-attributes", (urn, name, subs) => {
    const attribute = schemaById(urn).attributes.find((a) => a.name === name)!;
    expect(attribute.subAttributes!.map((s) => s.name)).toEqual(subs);
  });

  it.each([[USER_URN], [EXT.toUpperCase()], [GROUP_URN]])("answers /Schemas/%s", (urn) => {
    expect(getSchemaOrThrow(urn, baseUrl)).toMatchObject({ id: urn.toLowerCase() === EXT.toLowerCase() ? EXT : urn, schemas: [SCHEMA_URN] });
  });

  it("404s an unknown schema", () => {
    expect(() => getSchemaOrThrow("urn:nope", baseUrl)).toThrow(expect.objectContaining({ status: 404 }) as ScimError);
  });
});

describe("findAttribute", () => {
  it.each<[string, Parameters<typeof findAttribute>, string | undefined, string | undefined]>([
    ["case-insensitive core attribute", ["User", { attr: "USERNAME" }], USER_URN, "userName"],
    ["sub-attribute", ["User", { attr: "name", sub: "GIVENNAME" }], USER_URN, "givenName"],
    ["URN-qualified extension attribute", ["User", { uri: EXT.toLowerCase(), attr: "department" }], EXT, "department"],
    ["Entra's unqualified manager", ["User", { attr: "manager" }], EXT, "manager"],
    ["URN-qualified core attribute", ["User", { uri: USER_URN, attr: "emails", sub: "value" }], USER_URN, "value"],
    ["group members", ["Group", { attr: "Members" }], GROUP_URN, "members"],
    ["unknown attribute", ["User", { attr: "favouriteColour" }], undefined, undefined],
    ["unknown sub-attribute", ["User", { attr: "name", sub: "nope" }], undefined, undefined],
    ["a User attribute on a Group", ["Group", { attr: "userName" }], undefined, undefined],
    ["an unknown URN", ["User", { uri: "urn:nope", attr: "userName" }], undefined, undefined],
  ])("%s", (_name, args, schema, name) => {
    const match = findAttribute(...args);
    expect(match && { schema: match.schema, name: match.attribute.name }).toEqual(schema && { schema, name });
  });

  it("knows caseExact: id and externalId yes, userName no", () => {
    expect(findAttribute("User", { attr: "id" })?.attribute.caseExact).toBe(true);
    expect(findAttribute("User", { attr: "externalId" })?.attribute.caseExact).toBe(true);
    expect(findAttribute("User", { attr: "userName" })?.attribute.caseExact).toBe(false);
  });
});
