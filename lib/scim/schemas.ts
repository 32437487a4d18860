/**
 * The RFC 7643 attribute table: the one source for /Schemas, mutability checks, `returned` projection
 * and caseExact comparisons.
 */
import type { AttrPath } from "./filter-ast";

export const USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
export const ENTERPRISE_USER_URN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const LIST_RESPONSE_URN = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const PATCH_OP_URN = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const SEARCH_REQUEST_URN = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
export const SCHEMA_URN = "urn:ietf:params:scim:schemas:core:2.0:Schema";
export const RESOURCE_TYPE_URN = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
export const SERVICE_PROVIDER_CONFIG_URN = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";

export type ResourceTypeName = "User" | "Group";
export type AttributeType = "string" | "boolean" | "decimal" | "integer" | "dateTime" | "reference" | "complex" | "binary";
export type Mutability = "readOnly" | "readWrite" | "immutable" | "writeOnly";
export type Returned = "always" | "never" | "default" | "request";
export type Uniqueness = "none" | "server" | "global";

/** RFC 7643 §7: the characteristics of one attribute. */
export type AttributeDefinition = {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  uniqueness: Uniqueness;
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeDefinition[];
};

export type SchemaDefinition = { id: string; name: string; description: string; attributes: AttributeDefinition[] };

type Options = Partial<Omit<AttributeDefinition, "name" | "type" | "description">>;

function attr(name: string, type: AttributeType, description: string, options: Options = {}): AttributeDefinition {
  return {
    name, type, multiValued: false, description, required: false, caseExact: false,
    mutability: "readWrite", returned: "default", uniqueness: "none", ...options,
  };
}

function complex(name: string, description: string, subAttributes: AttributeDefinition[], options: Options = {}) {
  return attr(name, "complex", description, { ...options, subAttributes });
}

/** RFC 7643 §2.4: the sub-attributes every multi-valued attribute has by default. */
function multiValued(name: string, description: string, value: AttributeDefinition, types: string[] = []) {
  return complex(name, description, [
    value,
    attr("display", "string", "A human-readable name, primarily used for display purposes. READ-ONLY."),
    types.length > 0
      ? attr("type", "string", `A label indicating the attribute's function, e.g., '${types[0]}'.`, { canonicalValues: types })
      : attr("type", "string", "A label indicating the attribute's function."),
    attr("primary", "boolean", "A Boolean value indicating the 'primary' or preferred attribute value for this attribute. The primary attribute value 'true' MUST appear no more than once."),
  ], { multiValued: true });
}

/**
 * RFC 7643 §3.1 common attributes. The RFC says they belong to every base resource schema; we list them in the
 * User and Group schema so /Schemas shows `externalId`, which Entra maps by default and whose Logic App test
 * checks that every mapped attribute is discoverable (idp-payloads.md §1.9).
 */
const COMMON_ATTRIBUTES: AttributeDefinition[] = [
  attr("id", "string", "Unique identifier for the SCIM resource as defined by the service provider. Assigned by the service provider; the client MUST NOT specify it.", {
    caseExact: true, mutability: "readOnly", returned: "always", uniqueness: "server",
  }),
  // RFC 7643 §3.1: externalId is caseExact. Not unique: Microsoft's collection creates several users with one externalId.
  attr("externalId", "string", "A String that is an identifier for the resource as defined by the provisioning client.", { caseExact: true }),
  complex("meta", "A complex attribute containing resource metadata.", [
    attr("resourceType", "string", "The name of the resource type of the resource.", { caseExact: true, mutability: "readOnly" }),
    attr("created", "dateTime", "The DateTime that the resource was added to the service provider.", { mutability: "readOnly" }),
    attr("lastModified", "dateTime", "The most recent DateTime that the details of this resource were updated at the service provider.", { mutability: "readOnly" }),
    attr("location", "reference", "The URI of the resource being returned.", { caseExact: true, mutability: "readOnly", referenceTypes: ["uri"] }),
    attr("version", "string", "The version of the resource being returned (an entity tag).", { caseExact: true, mutability: "readOnly" }),
  ], { mutability: "readOnly" }),
];

/** RFC 7643 §4.1 and §8.7.1. */
export const USER_SCHEMA: SchemaDefinition = {
  id: USER_URN,
  name: "User",
  description: "User Account",
  attributes: [
    ...COMMON_ATTRIBUTES,
    // Uniqueness "server" and caseExact false: Okta's and Entra's tests find users by userName in any case.
    attr("userName", "string", "Unique identifier for the User, typically used by the user to directly authenticate to the service provider. Each User MUST include a non-empty userName value. This identifier MUST be unique across the service provider's entire set of Users. REQUIRED.", {
      required: true, uniqueness: "server",
    }),
    complex("name", "The components of the user's real name.", [
      attr("formatted", "string", "The full name, including all middle names, titles, and suffixes as appropriate, formatted for display (e.g., 'Ms. Barbara J Jensen, III')."),
      attr("familyName", "string", "The family name of the User, or last name in most Western languages (e.g., 'Jensen' given the full name 'Ms. Barbara J Jensen, III')."),
      attr("givenName", "string", "The given name of the User, or first name in most Western languages (e.g., 'Barbara' given the full name 'Ms. Barbara J Jensen, III')."),
      attr("middleName", "string", "The middle name(s) of the User (e.g., 'Jane' given the full name 'Ms. Barbara J Jensen, III')."),
      attr("honorificPrefix", "string", "The honorific prefix(es) of the User, or title in most Western languages (e.g., 'Ms.' given the full name 'Ms. Barbara J Jensen, III')."),
      attr("honorificSuffix", "string", "The honorific suffix(es) of the User, or suffix in most Western languages (e.g., 'III' given the full name 'Ms. Barbara J Jensen, III')."),
    ]),
    attr("displayName", "string", "The name of the User, suitable for display to end-users. The name SHOULD be the full name of the User being described, if known."),
    attr("nickName", "string", "The casual way to address the user in real life, e.g., 'Bob' or 'Bobby' instead of 'Robert'."),
    attr("profileUrl", "reference", "A fully qualified URL pointing to a page representing the User's online profile.", { referenceTypes: ["external"] }),
    attr("title", "string", "The user's title, such as \"Vice President\"."),
    attr("userType", "string", "Used to identify the relationship between the organization and the user. Typical values used might be 'Contractor', 'Employee', 'Intern', 'Temp', 'External', and 'Unknown', but any value may be used."),
    attr("preferredLanguage", "string", "Indicates the User's preferred written or spoken language. Generally used for selecting a localized user interface; e.g., 'en_US' specifies the language English and country US."),
    attr("locale", "string", "Used to indicate the User's default location for purposes of localizing items such as currency, date time format, or numerical representations."),
    attr("timezone", "string", "The User's time zone in the 'Olson' time zone database format, e.g., 'America/Los_Angeles'."),
    attr("active", "boolean", "A Boolean value indicating the User's administrative status."),
    attr("password", "string", "The User's cleartext password. This attribute is intended to be used as a means to specify an initial password when creating a new User or to reset an existing User's password.", {
      mutability: "writeOnly", returned: "never",
    }),
    multiValued("emails", "Email addresses for the user. The value SHOULD be canonicalized by the service provider, e.g., 'bjensen@example.com' instead of 'bjensen@EXAMPLE.COM'. Canonical type values of 'work', 'home', and 'other'.",
      attr("value", "string", "Email addresses for the user."), ["work", "home", "other"]),
    multiValued("phoneNumbers", "Phone numbers for the User. The value SHOULD be canonicalized by the service provider according to the format specified in RFC 3966, e.g., 'tel:+1-201-555-0123'. Canonical type values of 'work', 'home', 'mobile', 'fax', 'pager', and 'other'.",
      attr("value", "string", "Phone number of the User."), ["work", "home", "mobile", "fax", "pager", "other"]),
    multiValued("ims", "Instant messaging addresses for the User.",
      attr("value", "string", "Instant messaging address for the User."), ["aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"]),
    multiValued("photos", "URLs of photos of the User.",
      attr("value", "reference", "URL of a photo of the User.", { referenceTypes: ["external"] }), ["photo", "thumbnail"]),
    complex("addresses", "A physical mailing address for this User. Canonical type values of 'work', 'home', and 'other'.", [
      attr("formatted", "string", "The full mailing address, formatted for display or use with a mailing label. This attribute MAY contain newlines."),
      attr("streetAddress", "string", "The full street address component, which may include house number, street name, P.O. box, and multi-line extended street address information. This attribute MAY contain newlines."),
      attr("locality", "string", "The city or locality component."),
      attr("region", "string", "The state or region component."),
      attr("postalCode", "string", "The zip code or postal code component."),
      attr("country", "string", "The country name component."),
      attr("type", "string", "A label indicating the attribute's function, e.g., 'work' or 'home'.", { canonicalValues: ["work", "home", "other"] }),
      attr("primary", "boolean", "A Boolean value indicating the 'primary' or preferred attribute value for this attribute, e.g., the preferred mailing address or primary email address. The primary attribute value 'true' MUST appear no more than once."),
    ], { multiValued: true }),
    complex("groups", "A list of groups to which the user belongs, either through direct membership, through nested groups, or dynamically calculated.", [
      attr("value", "string", "The identifier of the User's group.", { mutability: "readOnly" }),
      attr("$ref", "reference", "The URI of the corresponding 'Group' resource to which the user belongs.", { mutability: "readOnly", referenceTypes: ["User", "Group"] }),
      attr("display", "string", "A human-readable name, primarily used for display purposes. READ-ONLY.", { mutability: "readOnly" }),
      attr("type", "string", "A label indicating the attribute's function, e.g., 'direct' or 'indirect'.", { mutability: "readOnly", canonicalValues: ["direct", "indirect"] }),
    ], { multiValued: true, mutability: "readOnly" }),
    multiValued("entitlements", "A list of entitlements for the User that represent a thing the User has.",
      attr("value", "string", "The value of an entitlement.")),
    multiValued("roles", "A list of roles for the User that collectively represent who the User is, e.g., 'Student', 'Faculty'.",
      attr("value", "string", "The value of a role.")),
    multiValued("x509Certificates", "A list of certificates issued to the User.",
      attr("value", "binary", "The value of an X.509 certificate.")),
  ],
};

/** RFC 7643 §4.3 and §8.7.1. */
export const ENTERPRISE_USER_SCHEMA: SchemaDefinition = {
  id: ENTERPRISE_USER_URN,
  name: "EnterpriseUser",
  description: "Enterprise User",
  attributes: [
    attr("employeeNumber", "string", "Numeric or alphanumeric identifier assigned to a person, typically based on order of hire or association with an organization."),
    attr("costCenter", "string", "Identifies the name of a cost center."),
    attr("organization", "string", "Identifies the name of an organization."),
    attr("division", "string", "Identifies the name of a division."),
    attr("department", "string", "Identifies the name of a department."),
    complex("manager", "The User's manager. A complex type that optionally allows service providers to represent organizational hierarchy by referencing the 'id' attribute of another User.", [
      attr("value", "string", "The id of the SCIM resource representing the User's manager."),
      attr("$ref", "reference", "The URI of the SCIM resource representing the User's manager.", { referenceTypes: ["User"] }),
      attr("displayName", "string", "The displayName of the User's manager. READ-ONLY.", { mutability: "readOnly" }),
    ]),
  ],
};

/** RFC 7643 §4.2 and §8.7.1. */
export const GROUP_SCHEMA: SchemaDefinition = {
  id: GROUP_URN,
  name: "Group",
  description: "Group",
  attributes: [
    ...COMMON_ATTRIBUTES,
    // RFC 7643 §4.2 calls displayName REQUIRED; we also enforce its uniqueness (Entra's validator expects a 409 on duplicates).
    attr("displayName", "string", "A human-readable name for the Group. REQUIRED.", { required: true, uniqueness: "server" }),
    complex("members", "A list of members of the Group.", [
      attr("value", "string", "Identifier of the member of this Group.", { mutability: "immutable" }),
      attr("$ref", "reference", "The URI corresponding to a SCIM resource that is a member of this Group.", { mutability: "immutable", referenceTypes: ["User", "Group"] }),
      attr("display", "string", "A human-readable name for the member, primarily used for display purposes.", { mutability: "immutable" }),
      attr("type", "string", "A label indicating the type of resource, e.g., 'User' or 'Group'.", { mutability: "immutable", canonicalValues: ["User", "Group"] }),
    ], { multiValued: true }),
  ],
};

export const ALL_SCHEMAS: SchemaDefinition[] = [USER_SCHEMA, ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA];

/** Core schema first, then its extensions, as RFC 7644 §3.10 resolves unqualified names. */
export function schemasFor(resourceType: ResourceTypeName): SchemaDefinition[] {
  return resourceType === "User" ? [USER_SCHEMA, ENTERPRISE_USER_SCHEMA] : [GROUP_SCHEMA];
}

const eqIgnoreCase = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Pre-RFC schema names, read as the RFC 7643 ones. OneLogin's "SCIM v2 Enterprise" template sends
 * `urn:scim:schemas:core:2.0` and `urn:scim:schemas:extension:enterprise:2.0` (authentik #11249), and its documented
 * template the 1.0 spellings (idp-payloads-onelogin-jumpcloud.md §1.3); authentik accepts them the same way.
 * Responses always carry the RFC names.
 */
const SCHEMA_SYNONYMS: Record<string, "core" | typeof ENTERPRISE_USER_URN> = {
  // The drafts' core schema held both resource types: it names whichever core schema the resource has.
  "urn:scim:schemas:core:2.0": "core",
  "urn:scim:schemas:core:1.0": "core",
  "urn:scim:schemas:extension:enterprise:2.0": ENTERPRISE_USER_URN,
  "urn:scim:schemas:extension:enterprise:1.0": ENTERPRISE_USER_URN,
};

/** The RFC 7643 name of a schema URN sent under a pre-RFC synonym; any other URN as given. */
export function canonicalSchemaUrn(resourceType: ResourceTypeName, urn: string): string {
  const synonym = SCHEMA_SYNONYMS[urn.toLowerCase()];
  if (synonym === "core") return resourceType === "User" ? USER_URN : GROUP_URN;
  if (synonym === ENTERPRISE_USER_URN && resourceType === "User") return synonym;
  return urn;
}

export function findSchema(resourceType: ResourceTypeName, urn: string): SchemaDefinition | undefined {
  const canonical = canonicalSchemaUrn(resourceType, urn);
  return schemasFor(resourceType).find((s) => eqIgnoreCase(s.id, canonical));
}

export function findSubAttribute(parent: AttributeDefinition, name: string): AttributeDefinition | undefined {
  return parent.subAttributes?.find((a) => eqIgnoreCase(a.name, name));
}

export type AttributeMatch = {
  /** The URN of the schema the attribute belongs to. */
  schema: string;
  /** The resolved attribute: the sub-attribute when the path names one. */
  attribute: AttributeDefinition;
  /** The complex attribute holding `attribute`, when the path named a sub-attribute. */
  parent?: AttributeDefinition;
};

/**
 * Resolves `userName`, `NAME.givenName`, `urn:...:enterprise:2.0:User:manager.value` case-insensitively.
 * Unqualified names fall back to extension attributes: Entra sends `"path":"manager"` and filters on `manager eq ...`.
 */
export function findAttribute(resourceType: ResourceTypeName, path: AttrPath): AttributeMatch | undefined {
  const candidates = path.uri ? [findSchema(resourceType, path.uri)].filter((s) => s !== undefined) : schemasFor(resourceType);
  for (const schema of candidates) {
    const attribute = schema.attributes.find((a) => eqIgnoreCase(a.name, path.attr));
    if (!attribute) continue;
    if (path.sub === undefined) return { schema: schema.id, attribute };
    const sub = findSubAttribute(attribute, path.sub);
    return sub ? { schema: schema.id, attribute: sub, parent: attribute } : undefined;
  }
  return undefined;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Renames keys to their RFC 7643 spelling, through complex values, multi-valued elements and extension objects.
 * Unknown keys are kept as sent. Nulls are dropped: RFC 7643 §2.5 makes null the same state as unassigned, and
 * Entra sends `"addresses": null` on create (idp-payloads.md §1.3).
 */
export function canonicalizeResource(resourceType: ResourceTypeName, input: Record<string, unknown>): Record<string, unknown> {
  const [core] = schemasFor(resourceType);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === null) continue;
    const extension = key.includes(":") ? findSchema(resourceType, key) : undefined;
    if (extension && extension !== core && isPlainObject(value)) {
      out[extension.id] = canonicalizeObject(extension.attributes, value);
    } else if (eqIgnoreCase(key, "schemas")) {
      out.schemas = Array.isArray(value) ? value.map((urn) => (typeof urn === "string" ? canonicalSchemaUrn(resourceType, urn) : urn)) : value;
    } else {
      const def = core!.attributes.find((a) => eqIgnoreCase(a.name, key));
      out[def?.name ?? key] = def ? canonicalizeValue(def, singleAsList(def, value)) : value;
    }
  }
  return out;
}

/**
 * OneLogin's documented Enterprise template sends `emails` as one object (idp-payloads-onelogin-jumpcloud.md §1.3);
 * django-scim2 reads it as a list of one ("OneLogin sends a dict despite the spec"), and so do we. Only `emails`
 * and only an object: anything else that is not a list still fails validation.
 */
function singleAsList(def: AttributeDefinition, value: unknown): unknown {
  return def.name === "emails" && isPlainObject(value) ? [value] : value;
}

function canonicalizeObject(attributes: AttributeDefinition[], input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === null) continue;
    const def = attributes.find((a) => eqIgnoreCase(a.name, key));
    out[def?.name ?? key] = def ? canonicalizeValue(def, value) : value;
  }
  return out;
}

/** Canonicalizes one attribute's value: sub-attribute keys of complex values, element by element when multi-valued. */
export function canonicalizeValue(def: AttributeDefinition, value: unknown): unknown {
  if (def.type !== "complex" || !def.subAttributes) return value;
  const one = (v: unknown) => (isPlainObject(v) ? canonicalizeObject(def.subAttributes!, v) : v);
  return Array.isArray(value) ? value.filter((v) => v !== null).map(one) : one(value);
}
