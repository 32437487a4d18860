/**
 * Zod schemas for what IdPs send (RFC 7644 §3.3, §3.4.2, §3.5.1, §3.5.2), with vendor quirks normalized here so
 * nothing downstream sees them. `toScimValidationError` turns a ZodError into the SCIM error to answer with.
 */
import { z } from "zod";
import { dropPasswords } from "./drop-passwords";
import { ScimError, type ScimType } from "./errors";
import { assertPatchOperationCount } from "./limits";
import {
  ENTERPRISE_USER_SCHEMA, ENTERPRISE_USER_URN, GROUP_SCHEMA, GROUP_URN, PATCH_OP_URN, SEARCH_REQUEST_URN, USER_SCHEMA, USER_URN,
  canonicalizeResource, isPlainObject, type AttributeDefinition, type SchemaDefinition,
} from "./schemas";

/** RFC 7644 §3.4.2.4 defaults; `LIST_MAX_RESULTS` is also what /ServiceProviderConfig advertises as filter.maxResults. */
export const LIST_DEFAULT_COUNT = 100;
export const LIST_MAX_RESULTS = 1000;
const MAX_START_INDEX = 2_000_000_000;

/** Entra sends `"active":"True"` and `"primary":"True"` (idp-payloads.md §1.7, MS-REF#21); scimmy#86 saw lower case. */
export const scimBoolean = z.union(
  [z.boolean(), z.string().trim().toLowerCase().pipe(z.enum(["true", "false"])).transform((v) => v === "true")],
  { error: "expected a boolean" },
);

const SIMPLE_VALUE_SCHEMAS: Record<Exclude<AttributeDefinition["type"], "complex">, z.ZodType> = {
  string: z.string(),
  reference: z.string(),
  dateTime: z.string(),
  binary: z.string(),
  boolean: scimBoolean,
  integer: z.number().int(),
  decimal: z.number(),
};

const valueSchemas = new WeakMap<AttributeDefinition, z.ZodType>();

/** The type check (and boolean coercion) for one attribute's value, built from the RFC 7643 table. Unknown sub-attributes pass. */
function attributeValueSchema(def: AttributeDefinition): z.ZodType {
  let schema = valueSchemas.get(def);
  if (!schema) {
    const one = def.type === "complex"
      ? z.looseObject(Object.fromEntries((def.subAttributes ?? []).map((s) => [s.name, attributeValueSchema(s).optional()])))
      : SIMPLE_VALUE_SCHEMAS[def.type];
    schema = def.multiValued ? z.array(one) : one;
    valueSchemas.set(def, schema);
  }
  return schema;
}

/** Validates a canonical-keyed value for `def`; throws ScimError 400 invalidValue naming `label`. */
export function parseAttributeValue(def: AttributeDefinition, value: unknown, label: string): unknown {
  const result = attributeValueSchema(def).safeParse(value);
  if (!result.success) throw toScimValidationError(result.error, label);
  return result.data;
}

/** RFC 7643 §2.4: "primary" true appears at most once; the first one sent wins. */
function keepFirstPrimary(attributes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (isPlainObject(value) && key.includes(":")) out[key] = keepFirstPrimary(value);
    else if (Array.isArray(value) && value.filter((v) => isPlainObject(v) && v.primary === true).length > 1) {
      const first = value.find((v) => isPlainObject(v) && v.primary === true);
      out[key] = value.map((v) => (v !== first && isPlainObject(v) && v.primary === true ? { ...v, primary: false } : v));
    } else out[key] = value;
  }
  return out;
}

const bodyObject = z.record(z.string(), z.unknown(), { error: "The request body must be a JSON object" });

// RFC 7644 §3.3 and §3.5.1 require `schemas`. Every Okta and Microsoft suite request sends it with the core URN; Entra
// also adds unknown or misspelled URNs (idp-payloads.md §1.3, §1.6), so other entries are tolerated.
function schemasContaining(urn: string) {
  return z.array(z.string(), { error: `schemas must be an array including "${urn}"` })
    .refine((list) => list.some((s) => s.toLowerCase() === urn.toLowerCase()), {
      message: `schemas must include "${urn}"`,
      params: { scimType: "invalidSyntax" },
    });
}

function requiredString(name: string) {
  return z.string({ error: (issue) => (issue.input === undefined ? `${name} is required` : `${name} must be a string`) })
    .refine((s) => s.trim() !== "", `${name} is required`);
}

/** RFC 7643 §7: readOnly attributes in POST/PUT are ignored (meta, groups); `id` and `password` are handled apart. */
function writableShape(schema: SchemaDefinition): Record<string, z.ZodType> {
  return Object.fromEntries(schema.attributes
    .filter((a) => a.mutability !== "readOnly" && a.mutability !== "writeOnly")
    .map((a) => [a.name, attributeValueSchema(a).optional()]));
}

const IGNORED_IN_BODY = ["schemas", "id", "meta", "groups", "password"];

/**
 * RFC 7643 §3.1: a client never sets `id`. In PUT, Okta echoes the resource's own id (idp-payloads.md §2.3), which is
 * fine; a different one is an attempt to change it.
 */
/**
 * `id` is the service provider's (RFC 7643 §3.1, readOnly). On create it is ignored, as identity providers
 * may echo one (idp-payloads.md §3, item 8); on replace, one that differs from the URL's is refused.
 */
function checkId(urlId: string | undefined) {
  return <T extends Record<string, unknown>>(body: T, ctx: z.RefinementCtx<T>) => {
    if (body.id === undefined || urlId === undefined || body.id === urlId) return;
    ctx.addIssue({
      code: "custom",
      path: ["id"],
      message: "id cannot be changed",
      params: { scimType: "mutability" },
    });
  };
}

function omit(body: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([k]) => !keys.includes(k)));
}

export type UserBody = {
  /** The resource as stored: canonical keys, no schemas/id/meta/groups, no password at any depth, nulls dropped. */
  attributes: Record<string, unknown>;
  /** Okta always sends a placeholder password (idp-payloads.md §2.1); we never store it. */
  hasPassword: boolean;
};

function userBodySchema(urlId: string | undefined) {
  return bodyObject
    .transform((body) => canonicalizeResource("User", body))
    .pipe(z.looseObject({
      ...writableShape(USER_SCHEMA),
      schemas: schemasContaining(USER_URN),
      userName: requiredString("userName"),
      [ENTERPRISE_USER_URN]: z.looseObject(writableShape(ENTERPRISE_USER_SCHEMA)).optional(),
    }))
    .superRefine(checkId(urlId))
    .transform((body): UserBody => ({
      attributes: dropPasswords(keepFirstPrimary(omit(body, IGNORED_IN_BODY))),
      hasPassword: body.password !== undefined,
    }));
}

export const createUserBodySchema = userBodySchema(undefined);
/** PUT /Users/{id}: pass the id from the URL. */
export const replaceUserBodySchema = (urlId: string) => userBodySchema(urlId);

export type MemberInput = { value: string; display?: string };

// Microsoft's collection sends `displayName` inside a member and then expects it back as the member's display.
const memberObjectSchema = z.looseObject({
  value: requiredString("value"),
  display: z.string().optional(),
  displayName: z.string().optional(),
}).transform((m): MemberInput => {
  const display = m.display ?? m.displayName;
  return display === undefined ? { value: m.value } : { value: m.value, display };
});

/** Later duplicates are dropped so the caller can insert members set-based. */
function uniqueMembers(members: MemberInput[]): MemberInput[] {
  const byValue = new Map<string, MemberInput>();
  for (const m of members) if (!byValue.has(m.value)) byValue.set(m.value, m);
  return [...byValue.values()];
}

export type GroupBody = {
  attributes: Record<string, unknown>;
  /** undefined when the body had no `members` key (Entra creates groups without one). */
  members: MemberInput[] | undefined;
};

function groupBodySchema(urlId: string | undefined) {
  return bodyObject
    .transform((body) => canonicalizeResource("Group", body))
    .pipe(z.looseObject({
      ...writableShape(GROUP_SCHEMA),
      schemas: schemasContaining(GROUP_URN),
      displayName: requiredString("displayName"),
      members: z.array(z.preprocess((m) => (isPlainObject(m) ? canonicalizeMember(m) : m), memberObjectSchema)).optional(),
    }))
    .superRefine(checkId(urlId))
    .transform((body): GroupBody => ({
      attributes: dropPasswords(omit(body, [...IGNORED_IN_BODY, "members"])),
      members: body.members && uniqueMembers(body.members),
    }));
}

export const createGroupBodySchema = groupBodySchema(undefined);
/** PUT /Groups/{id}: pass the id from the URL. */
export const replaceGroupBodySchema = (urlId: string) => groupBodySchema(urlId);

function canonicalizeMember(member: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(member)) {
    if (value === null) continue; // Entra sends "$ref": null (idp-payloads.md §1.6)
    const canonical = ["value", "display", "displayName", "type", "$ref"].find((k) => k.toLowerCase() === key.toLowerCase());
    out[canonical ?? key] = value;
  }
  return out;
}

/**
 * A PATCH `members` value: an array of {value, display?}, a single object, or bare id strings (Microsoft's collection,
 * "Group patch add member"). Throws ScimError 400 invalidValue.
 */
export function parseMembersValue(value: unknown): MemberInput[] {
  const list = Array.isArray(value) ? value : [value];
  const result = z.array(z.preprocess(
    (m) => (typeof m === "string" ? { value: m } : isPlainObject(m) ? canonicalizeMember(m) : m),
    memberObjectSchema,
  )).safeParse(list);
  if (!result.success) throw toScimValidationError(result.error, "members");
  return uniqueMembers(result.data);
}

function pickKeys(input: Record<string, unknown>, names: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const canonical = names.find((n) => n.toLowerCase() === key.toLowerCase());
    if (canonical) out[canonical] = value;
  }
  return out;
}

// Entra capitalises "op" values and Microsoft asks servers not to match structural names case-sensitively (MS-TUT).
const patchOperationSchema = z.record(z.string(), z.unknown(), { error: "each operation must be an object" })
  .transform((op) => pickKeys(op, ["op", "path", "value"]))
  .pipe(z.object({
    op: z.string({ error: "op is required" }).trim().toLowerCase()
      .pipe(z.enum(["add", "remove", "replace"], { error: 'op must be "add", "remove" or "replace"' })),
    path: z.string().nullish().transform((p) => (p?.trim() ? p.trim() : undefined)),
    value: z.unknown().optional(),
  }));

export type PatchOperation = z.output<typeof patchOperationSchema>;

export const patchRequestSchema = bodyObject
  .transform((body) => ({ ...body, ...pickKeys(body, ["schemas", "Operations"]) }))
  // Counted before each operation is validated, so an oversized PATCH costs nothing more to refuse.
  .transform((body) => {
    if (Array.isArray(body.Operations)) assertPatchOperationCount(body.Operations.length);
    return body;
  })
  .pipe(z.looseObject({
    schemas: schemasContaining(PATCH_OP_URN),
    // An empty array is a valid no-op PATCH.
    Operations: z.array(patchOperationSchema, { error: "Operations must be an array" }),
  }))
  .transform((body) => ({ schemas: body.schemas, Operations: body.Operations }));

const integerParam = (name: string) => z.string()
  .refine((s) => /^\s*[+-]?\d+\s*$/.test(s), `${name} must be an integer`)
  .transform((s) => Number.parseInt(s, 10));

const listParam = z.string().transform((s) => s.split(",").map((a) => a.trim()).filter((a) => a !== ""));

const LIST_QUERY_PARAMS = ["filter", "startIndex", "count", "sortBy", "sortOrder", "attributes", "excludedAttributes"];

/**
 * RFC 7644 §3.4.2, from a URLSearchParams or a `Record<string, string | string[]>`. Unknown parameters (Entra's
 * `aadOptscim062020`) are ignored; names match in any case; empty values count as absent.
 */
export const listQuerySchema = z.preprocess(
  (input: unknown) => {
    const entries = input instanceof URLSearchParams ? [...input.entries()] : isPlainObject(input) ? Object.entries(input) : [];
    const params: Record<string, unknown> = {};
    for (const [key, raw] of entries) {
      const value = Array.isArray(raw) ? raw[0] : raw;
      if (typeof value === "string" && value.trim() !== "") Object.assign(params, pickKeys({ [key]: value }, LIST_QUERY_PARAMS));
    }
    return params;
  },
  z.object({
    filter: z.string().optional(),
    // RFC 7644 §3.4.2.4: startIndex is 1-based; values < 1 mean 1.
    // Capped far beyond any directory, so a huge value is an empty page rather than a database range error.
    startIndex: integerParam("startIndex").optional().transform((n) => Math.min(MAX_START_INDEX, Math.max(1, n ?? 1))),
    // RFC 7644 §3.4.2.4: a negative count means 0; more than maxResults is capped at maxResults.
    count: integerParam("count").optional().transform((n) => Math.min(LIST_MAX_RESULTS, Math.max(0, n ?? LIST_DEFAULT_COUNT))),
    sortBy: z.string().optional(),
    sortOrder: z.string().trim().toLowerCase()
      .pipe(z.enum(["ascending", "descending"], { error: 'sortOrder must be "ascending" or "descending"' })).optional(),
    attributes: listParam.optional(),
    excludedAttributes: listParam.optional(),
  }),
);

export type ListQuery = z.output<typeof listQuerySchema>;

/** A SearchRequest list (RFC 7644 §3.4.3): an array of names, or the comma-separated form a GET takes. */
const searchList = z.union([z.array(z.string()), z.string()], { error: "must be an array of attribute names" })
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(",")).map((a) => a.trim()).filter((a) => a !== ""));

/**
 * POST /.search (RFC 7644 §3.4.3): the body holds the same parameters as a GET's query, so it is read into the
 * same ListQuery, with the same defaults and bounds, and the search answers exactly what that GET would.
 * Integers may arrive as numbers (the RFC's examples) or as the strings a query carries.
 */
export const searchRequestSchema = bodyObject
  .transform((body) => ({ ...body, ...pickKeys(body, ["schemas", ...LIST_QUERY_PARAMS]) }))
  .pipe(z.looseObject({
    schemas: schemasContaining(SEARCH_REQUEST_URN),
    filter: z.string({ error: "filter must be a string" }).optional(),
    startIndex: z.union([z.number().int(), z.string()], { error: "startIndex must be an integer" }).optional(),
    count: z.union([z.number().int(), z.string()], { error: "count must be an integer" }).optional(),
    sortBy: z.string({ error: "sortBy must be a string" }).optional(),
    sortOrder: z.string({ error: "sortOrder must be a string" }).optional(),
    attributes: searchList.optional(),
    excludedAttributes: searchList.optional(),
  }))
  .transform((body, ctx): ListQuery => {
    const asQuery: Record<string, string> = {};
    for (const key of ["filter", "startIndex", "count", "sortBy", "sortOrder"] as const) {
      if (body[key] !== undefined) asQuery[key] = String(body[key]);
    }
    for (const key of ["attributes", "excludedAttributes"] as const) {
      if (body[key] !== undefined && body[key].length > 0) asQuery[key] = body[key].join(",");
    }
    const parsed = listQuerySchema.safeParse(asQuery);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message, params: { scimType: "invalidValue" } });
    return z.NEVER;
  });

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((out, key) =>
    typeof key === "number" ? `${out}[${key}]` : out === "" ? String(key) : `${out}.${String(key)}`, "");
}

/**
 * RFC 7644 §3.12: a broken request structure (not an object, no `schemas`, no `Operations`) is invalidSyntax; a wrong
 * attribute value is invalidValue with the attribute path in the detail; custom issues may carry their own scimType.
 * `label` prefixes the path when validating a value that sits somewhere else (a PATCH operation's value).
 */
export function toScimValidationError(error: z.ZodError, label?: string): ScimError {
  const issue = error.issues[0];
  if (!issue) return new ScimError(400, "invalidSyntax", "Invalid request");
  const path = formatPath([...(label ? [label] : []), ...issue.path]);
  const params = issue.code === "custom" ? (issue.params as { scimType?: ScimType } | undefined) : undefined;
  const structural = label === undefined && (issue.path.length === 0 || issue.path[0] === "schemas" || issue.path[0] === "Operations");
  const scimType = params?.scimType ?? (structural ? "invalidSyntax" : "invalidValue");
  const detail = path === "" || issue.message.startsWith(path) ? issue.message : `${path}: ${issue.message}`;
  return new ScimError(400, scimType, detail);
}
