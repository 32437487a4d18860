/** Serializers: stored records → SCIM JSON (RFC 7643 §3, RFC 7644 §3.4.2), and attribute projection (§3.4.2.5). */
import { toEtag } from "./etag";
import {
  GROUP_URN, LIST_RESPONSE_URN, USER_URN, findAttribute, findSchema, findSubAttribute, isPlainObject, schemasFor,
  type AttributeDefinition, type ResourceTypeName,
} from "./schemas";

/** A stored SCIM resource as the database layer hands it over. */
export type ScimResourceRecord = {
  id: string;
  /** The stored resource as sent, canonical keys (requests.ts / patch.ts output). */
  attributes: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  /** Users only: the groups the user is a direct member of. */
  groups?: { value: string; display: string }[];
};

export type ScimMember = { value: string; display?: string };
type Json = Record<string, unknown>;

function meta(resourceType: ResourceTypeName, record: ScimResourceRecord, baseUrl: string) {
  return {
    resourceType,
    created: record.createdAt.toISOString(),
    lastModified: record.updatedAt.toISOString(),
    location: `${baseUrl}/${resourceType}s/${record.id}`,
    version: toEtag(record.version),
  };
}

/** The keys the server owns (groups and members live in the membership table) or never returns (password). */
const NOT_STORED_KEYS: Record<ResourceTypeName, Set<string>> = {
  User: new Set(["id", "meta", "schemas", "password", "groups"]),
  Group: new Set(["id", "meta", "schemas", "password", "members"]),
};

/**
 * The stored attributes a response shows, and the extension URNs among them (top-level URN keys holding a non-empty
 * object: the enterprise extension and any a client sent). Drops the keys in NOT_STORED_KEYS, whatever the stored
 * JSON holds, nulls, and empty extension objects. One pass over the keys, no intermediate copies: every user of a
 * list page goes through here (issue 13).
 */
function shownAttributes(attributes: Json, resourceType: ResourceTypeName): { shown: Json; extensions: string[] } {
  const skip = NOT_STORED_KEYS[resourceType];
  const shown: Json = {};
  const extensions: string[] = [];
  for (const key of Object.keys(attributes)) {
    const value = attributes[key];
    if (value === null || skip.has(key)) continue;
    if (key.length >= 4 && key.slice(0, 4).toLowerCase() === "urn:" && isPlainObject(value)) {
      if (Object.keys(value).length === 0) continue;
      extensions.push(key);
    }
    shown[key] = value;
  }
  return { shown, extensions };
}

export function toScimUser(record: ScimResourceRecord, baseUrl: string): Json {
  const { shown: attributes, extensions } = shownAttributes(record.attributes, "User");
  return {
    schemas: [USER_URN, ...extensions],
    id: record.id,
    ...attributes,
    // Our `active` column defaults to true; Entra's validator and Okta's spec test require `active` in every user.
    active: attributes.active ?? true,
    ...(record.groups && record.groups.length > 0 && {
      groups: record.groups.map((g) => ({ value: g.value, display: g.display, $ref: `${baseUrl}/Groups/${g.value}`, type: "direct" })),
    }),
    meta: meta("User", record, baseUrl),
  };
}

/** `members` undefined leaves the key out (e.g. `excludedAttributes=members`, which Entra always sends). */
export function toScimGroup(record: ScimResourceRecord, members: ScimMember[] | undefined, baseUrl: string): Json {
  const { shown: attributes, extensions } = shownAttributes(record.attributes, "Group");
  return {
    schemas: [GROUP_URN, ...extensions],
    id: record.id,
    ...attributes,
    ...(members && {
      members: members.map((m) => ({
        value: m.value,
        ...(m.display !== undefined && { display: m.display }),
        $ref: `${baseUrl}/Users/${m.value}`,
        type: "User",
      })),
    }),
    meta: meta("Group", record, baseUrl),
  };
}

/** RFC 7644 §3.4.2: integers always, 1-based startIndex, `itemsPerPage` = the number of resources in this page. */
export function toScimListResponse(
  resources: unknown[],
  page: { totalResults: number; startIndex: number; itemsPerPage?: number },
): Json {
  return {
    schemas: [LIST_RESPONSE_URN],
    totalResults: page.totalResults,
    startIndex: page.startIndex,
    itemsPerPage: page.itemsPerPage ?? resources.length,
    Resources: resources,
  };
}

export type Projection = { attributes?: string[]; excludedAttributes?: string[] };

/** A requested name, resolved: where it lives (`uri` for extension objects) and which sub-attribute, if any. */
type Selector = { uri?: string; attr?: string; sub?: string };

/**
 * `userName`, `name.givenName`, `urn:...:enterprise:2.0:User:department`, `urn:...:enterprise:2.0:User` (the whole
 * object), `emails[type eq "work"]` (Microsoft's collection sends this as `attributes`; the filter is ignored and the
 * whole attribute returned).
 */
function toSelector(resourceType: ResourceTypeName, name: string): Selector {
  const plain = name.replace(/\[.*?\]/g, "").trim();
  const whole = findSchema(resourceType, plain);
  const [core] = schemasFor(resourceType);
  if (whole) return whole === core ? {} : { uri: whole.id };
  let uri: string | undefined;
  let rest = plain;
  const schema = schemasFor(resourceType).find((s) => plain.toLowerCase().startsWith(`${s.id.toLowerCase()}:`));
  if (schema) {
    uri = schema.id;
    rest = plain.slice(schema.id.length + 1);
  } else if (plain.toLowerCase().startsWith("urn:")) {
    uri = plain.slice(0, plain.lastIndexOf(":"));
    rest = plain.slice(plain.lastIndexOf(":") + 1);
  }
  const [attr = "", sub] = rest.split(".");
  const match = findAttribute(resourceType, { uri, attr });
  if (match) {
    const subDef = sub !== undefined ? findSubAttribute(match.attribute, sub) : undefined;
    return { uri: match.schema === core!.id ? undefined : match.schema, attr: match.attribute.name, sub: subDef?.name ?? sub };
  }
  return { uri: uri && uri.toLowerCase() !== core!.id.toLowerCase() ? uri : undefined, attr, sub };
}

const sameName = (a: string | undefined, b: string | undefined) => a?.toLowerCase() === b?.toLowerCase();

function definitionOf(resourceType: ResourceTypeName, uri: string | undefined, attr: string): AttributeDefinition | undefined {
  return findAttribute(resourceType, { uri: uri ?? schemasFor(resourceType)[0]!.id, attr })?.attribute;
}

/**
 * Whether `attr` (top level or in extension `uri`) is returned under this projection (RFC 7644 §3.4.2.5). Lets a caller
 * skip loading group members when `excludedAttributes=members`.
 */
export function isAttributeReturned(resourceType: ResourceTypeName, name: string, projection: Projection): boolean {
  const { uri, attr } = toSelector(resourceType, name);
  if (attr === undefined) return true;
  const def = definitionOf(resourceType, uri, attr);
  return returnedMode(def, uri, attr, projection, resourceType) !== "none";
}

type Mode = "all" | "partial" | "none";

function returnedMode(
  def: AttributeDefinition | undefined, uri: string | undefined, attr: string, projection: Projection, resourceType: ResourceTypeName,
): Mode {
  if (def?.returned === "always") return "all";
  if (def?.returned === "never") return "none";
  const matches = (s: Selector) => sameName(s.uri, uri) && (s.attr === undefined || sameName(s.attr, attr));
  const requested = projection.attributes?.map((n) => toSelector(resourceType, n)).filter(matches) ?? [];
  if (projection.attributes && projection.attributes.length > 0) {
    if (requested.length === 0) return "none";
    return requested.some((s) => s.attr === undefined || s.sub === undefined) ? "all" : "partial";
  }
  if (def?.returned === "request") return "none";
  const excluded = projection.excludedAttributes?.map((n) => toSelector(resourceType, n)).filter(matches) ?? [];
  if (excluded.some((s) => s.attr === undefined || s.sub === undefined)) return "none";
  return excluded.length > 0 ? "partial" : "all";
}

/**
 * RFC 7644 §3.4.2.5 on a serialized resource: `returned: always` (id, schemas) stays, `never` (password) goes, `default`
 * unless excluded, `request` only when asked. Names match case-insensitively. `attributes` wins over `excludedAttributes`.
 */
export function projectResource(resource: Json, projection: Projection, resourceType: ResourceTypeName): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(resource)) {
    if (key === "schemas") out[key] = value;
    else if (key.toLowerCase().startsWith("urn:") && isPlainObject(value)) {
      const projected = projectObject(value, key, projection, resourceType);
      if (Object.keys(projected).length > 0) out[key] = projected;
    } else {
      const v = projectAttribute(value, undefined, key, projection, resourceType);
      if (v !== undefined) out[key] = v;
    }
  }
  return out;
}

function projectObject(object: Json, uri: string, projection: Projection, resourceType: ResourceTypeName): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(object)) {
    const v = projectAttribute(value, uri, key, projection, resourceType);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function projectAttribute(value: unknown, uri: string | undefined, attr: string, projection: Projection, resourceType: ResourceTypeName): unknown {
  const def = definitionOf(resourceType, uri, attr);
  const mode = returnedMode(def, uri, attr, projection, resourceType);
  if (mode !== "partial") return mode === "all" ? value : undefined;
  const selectors = (projection.attributes?.length ? projection.attributes : projection.excludedAttributes ?? [])
    .map((n) => toSelector(resourceType, n))
    .filter((s) => sameName(s.uri, uri) && sameName(s.attr, attr) && s.sub !== undefined);
  const including = Boolean(projection.attributes?.length);
  const pick = (element: unknown): unknown => {
    if (!isPlainObject(element)) return element;
    const kept = Object.entries(element).filter(([k]) => {
      const named = selectors.some((s) => sameName(s.sub, k));
      const subDef = def && findSubAttribute(def, k);
      if (subDef?.returned === "never") return false;
      return including ? named || subDef?.returned === "always" : !named;
    });
    return kept.length > 0 ? Object.fromEntries(kept) : undefined;
  };
  if (Array.isArray(value)) {
    const list = value.map(pick).filter((v) => v !== undefined);
    return list.length > 0 ? list : undefined;
  }
  return pick(value);
}

export type UserColumns = {
  userName: string;
  externalId: string | null;
  /** The primary email, else the first work email, else the first email. */
  email: string | null;
  givenName: string | null;
  familyName: string | null;
  displayName: string | null;
  active: boolean;
};

const str = (v: unknown) => (typeof v === "string" ? v : null);

/** The indexed columns, derived from the canonical attributes (requests.ts / patch.ts output). */
export function userColumnsFrom(attributes: Json): UserColumns {
  const emails = (Array.isArray(attributes.emails) ? attributes.emails : []).filter(isPlainObject)
    .filter((e) => typeof e.value === "string");
  const email = emails.find((e) => e.primary === true)
    ?? emails.find((e) => typeof e.type === "string" && e.type.toLowerCase() === "work")
    ?? emails[0];
  const name = isPlainObject(attributes.name) ? attributes.name : {};
  return {
    userName: str(attributes.userName) ?? "",
    externalId: str(attributes.externalId),
    email: str(email?.value),
    givenName: str(name.givenName),
    familyName: str(name.familyName),
    displayName: str(attributes.displayName),
    active: attributes.active !== false,
  };
}
