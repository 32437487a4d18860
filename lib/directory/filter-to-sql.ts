import { ScimError, type ScimType } from "@/lib/scim/errors";
import type { AttrPath, CompareOp, FilterNode, FilterValue } from "@/lib/scim/filter-ast";
import { ALL_SCHEMAS, ENTERPRISE_USER_SCHEMA, ENTERPRISE_USER_URN, type AttributeDefinition } from "@/lib/scim/schemas";

export type SqlColumn = {
  sql: string;
  type: "string" | "boolean" | "dateTime" | "number";
  caseExact: boolean;
  /** A citext column compares case-insensitively by itself: compare it to `$n::citext` so its btree index is used. */
  citext?: boolean;
};
export type SqlMultiValued = {
  /** how to enumerate elements: either a jsonb array expression, or a related table */
  source:
    | { kind: "jsonb"; sql: string /* e.g. `u."attributes"->'emails'` */ }
    | { kind: "table"; from: string /* e.g. `"GroupMember" m` */; where: string /* e.g. `m."groupId" = g."id" AND m."directoryId" = g."directoryId"` */; subColumns: Record<string, SqlColumn> /* lower-case sub name -> column, e.g. value -> m."userId" */ };
  caseExactSubs?: string[]; // lower-case names of caseExact sub-attributes (e.g. "value" for members)
};
export type SqlMapping = {
  /**
   * lower-case canonical path ("username", "name.givenname", "meta.created", "id", "active") -> indexed column.
   * An extension attribute's key is its lower-case URN, ":", then the path ("urn:...:2.0:user:employeenumber").
   */
  columns: Record<string, SqlColumn>;
  /** lower-case attribute name -> multi-valued attribute (emails, phoneNumbers, members, ...) */
  multiValued: Record<string, SqlMultiValued>;
  /** the jsonb column holding the whole resource as sent, for everything not in `columns` */
  json: string; // e.g. `u."attributes"`
  /** lower-case schema URNs whose attributes live under that URN key inside `json` (the enterprise extension) */
  extensionUrns: string[];
  /** lower-case URN of the core schema: a path qualified with it is treated as unqualified */
  coreUrn: string;
  /** lower-case paths known to be caseExact (RFC 7643), for paths answered from `json` (same keys as `columns`) */
  caseExactPaths?: string[];
};

const ENTERPRISE_USER_URN_LOWER = ENTERPRISE_USER_URN.toLowerCase();
const CANONICAL_URNS = canonicalCase(ALL_SCHEMAS.map((schema) => schema.id));

/** Every attribute and sub-attribute of the schemas /Schemas publishes (lib/scim/schemas.ts), at any depth. */
function allAttributes(attributes: AttributeDefinition[]): AttributeDefinition[] {
  return attributes.flatMap((a) => [a, ...allAttributes(a.subAttributes ?? [])]);
}
const SCHEMA_ATTRIBUTES = allAttributes(ALL_SCHEMAS.flatMap((schema) => schema.attributes));

// The json column stores names in RFC 7643 case; filters may use any case (RFC 7644 §3.4.2.2), e.g. the
// Microsoft collection's `name.FamilyName` and `emails.Value`. Sub-attributes share one table because no two
// differ only in case. `schemas` is not an attribute of any schema but is stored under this name.
const CANONICAL_NAMES = canonicalCase([...SCHEMA_ATTRIBUTES.map((a) => a.name), "schemas"]);
/** RFC 7643 §4.1, §4.2: multi-valued attributes; a filter matches when any element does (RFC 7644 §3.4.2.2). */
const MULTI_VALUED = new Set(SCHEMA_ATTRIBUTES.filter((a) => a.multiValued).map((a) => a.name.toLowerCase()));
/** RFC 7643 §4.3: EnterpriseUser names, which RFC 7644 §3.10 lets a client send unqualified since they are unique. */
const ENTERPRISE_ATTRS = new Set(ENTERPRISE_USER_SCHEMA.attributes.map((a) => a.name.toLowerCase()));

const ORDER_OPS: Partial<Record<CompareOp, string>> = { gt: ">", ge: ">=", lt: "<", le: "<=" };

type Scalar = { kind: "scalar"; text: string; /** the jsonb value, when read from json */ json?: string; type: SqlColumn["type"]; caseExact: boolean; citext?: boolean; label: string };
type Multi = { kind: "multi"; mv: Collection; sub?: string; label: string };
/** `single`: a complex attribute that isn't multi-valued (`name`, `manager`) or an unknown one, filtered with `[ ]`. */
type Collection = SqlMultiValued & { single?: boolean };
type Located = { ext?: string; colKey: string; jsonKeys: string[]; label: string; attrL: string };

/**
 * Translates a parsed SCIM filter into a Postgres boolean expression, pushing every value onto `params` as a bound
 * `$n` parameter. Unsupported combinations throw ScimError(400, "invalidFilter") (RFC 7644 §3.4.2.2).
 *
 * NULL semantics: an absent attribute never satisfies eq/co/sw/ew/gt/ge/lt/le. RFC 7644 is silent on `ne`; here
 * `ne` is exactly `not (eq)`, so it matches resources that lack the attribute (`IS DISTINCT FROM`; for a
 * multi-valued attribute, "no element equals"). `not (...)` treats an unknown inner result as false.
 */
export function filterToSql(node: FilterNode, mapping: SqlMapping, params: unknown[]): string {
  return new Translator(mapping, params).filter(node, undefined);
}

/** The ORDER BY expression for `sortBy` (RFC 7644 §3.4.2.3): indexed columns only; caseExact=false sorts case-insensitively. */
export function sortToSql(path: AttrPath, mapping: SqlMapping): string {
  const { colKey, label } = locate(path, mapping, "invalidValue", false);
  const col = own(mapping.columns, colKey);
  if (!col) {
    const sortable = Object.keys(mapping.columns).join(", ");
    throw new ScimError(400, "invalidValue", `sortBy "${label}" is not supported; sort by one of: ${sortable}`);
  }
  return col.type === "string" && !col.caseExact && !col.citext ? `lower(${col.sql})` : col.sql;
}

class Translator {
  constructor(
    private readonly mapping: SqlMapping,
    private readonly params: unknown[],
  ) {}

  /** `elem` is set inside `attr[...]`, where paths name sub-attributes of one element (RFC 7644 §3.4.2.2, valuePath). */
  filter(node: FilterNode, elem: Collection | undefined): string {
    switch (node.kind) {
      case "and":
      case "or":
        return this.chain(node.kind, node, elem);
      case "not":
        return `NOT COALESCE(${this.filter(node.filter, elem)}, false)`;
      case "present":
        return present(this.resolve(node.path, elem, false));
      case "compare":
        return this.compare(this.resolve(node.path, elem, true), node.op, node.value);
      case "valuePath": {
        if (elem) throw invalidFilter(`a [ ] filter can't be nested inside another [ ] filter`);
        if (node.path.sub) throw invalidFilter(`a [ ] filter must follow a multi-valued attribute, not "${pathLabel(node.path)}"`);
        const mv = this.collection(node.path);
        return exists(mv, this.filter(node.filter, mv));
      }
    }
  }

  /** Flattens `a and b and c` into one list so a long chain builds neither a deep JS stack nor deep SQL nesting. */
  private chain(kind: "and" | "or", node: FilterNode, elem: Collection | undefined): string {
    const parts: string[] = [];
    const stack: FilterNode[] = [node];
    while (stack.length > 0) {
      const n = stack.pop() as FilterNode;
      if (n.kind === kind && (n.kind === "and" || n.kind === "or")) stack.push(n.right, n.left);
      else parts.push(this.filter(n, elem));
    }
    return `(${parts.join(kind === "and" ? " AND " : " OR ")})`;
  }

  private resolve(path: AttrPath, elem: Collection | undefined, forCompare: boolean): Scalar | Multi {
    if (elem) {
      if (path.uri) throw invalidFilter(`inside [ ] use sub-attribute names without a schema URN, found "${pathLabel(path)}"`);
      return elementScalar(elem, path.attr, path.sub);
    }
    const loc = locate(path, this.mapping, "invalidFilter", forCompare);
    const col = own(this.mapping.columns, loc.colKey);
    if (col) return { kind: "scalar", text: col.sql, type: col.type, caseExact: col.caseExact, citext: col.citext, label: loc.label };
    if (!loc.ext) {
      const mv = own(this.mapping.multiValued, loc.attrL) ?? (MULTI_VALUED.has(loc.attrL) ? this.jsonCollection(loc.jsonKeys.slice(0, 1)) : undefined);
      if (mv) return { kind: "multi", mv, ...(path.sub !== undefined && { sub: path.sub }), label: loc.label };
    }
    const caseExact = this.mapping.caseExactPaths?.includes(loc.colKey) ?? false;
    return { kind: "scalar", ...jsonRead(this.mapping.json, loc.jsonKeys), type: "string", caseExact, label: loc.label };
  }

  private collection(path: AttrPath): Collection {
    const loc = locate(path, this.mapping, "invalidFilter", false);
    const mapped = loc.ext ? undefined : own(this.mapping.multiValued, loc.attrL);
    return mapped ?? this.jsonCollection(loc.jsonKeys, loc.ext !== undefined || !MULTI_VALUED.has(loc.attrL));
  }

  private jsonCollection(keys: string[], single = false): Collection {
    return { source: { kind: "jsonb", sql: jsonRead(this.mapping.json, keys).json }, single };
  }

  /** RFC 7644 §3.4.2.2: a multi-valued attribute matches when any element matches. */
  private compare(target: Scalar | Multi, op: CompareOp, value: FilterValue): string {
    if (target.kind === "scalar") return this.compareScalar(target, op, value);
    // A multi-valued attribute compared without a sub-attribute compares its "value" (RFC 7644's own example is
    // `emails co "example.com"`).
    const el = elementScalar(target.mv, target.sub ?? "value", undefined);
    if (value === null) {
      if (op !== "eq" && op !== "ne") throw invalidFilter(`"${op}" can't compare with null; use "pr" or "eq null"`);
      const p = present({ ...target, sub: target.sub ?? "value" });
      return op === "eq" ? `NOT ${p}` : p;
    }
    if (op === "ne") return `NOT ${exists(target.mv, this.compareScalar(el, "eq", value))}`;
    return exists(target.mv, this.compareScalar(el, op, value));
  }

  private compareScalar(t: Scalar, op: CompareOp, value: FilterValue): string {
    // RFC 7643 §2.5: null and unassigned are the same, so `eq null` is "not present".
    if (value === null) {
      if (op !== "eq" && op !== "ne") throw invalidFilter(`"${op}" can't compare "${t.label}" with null; use "pr" or "eq null"`);
      return op === "eq" ? `NOT ${present(t)}` : present(t);
    }
    switch (t.type) {
      case "boolean": return this.compareBoolean(t, op, value);
      case "dateTime": return this.compareDateTime(t, op, value);
      case "number": return this.compareNumber(t, op, value);
      case "string": return this.compareString(t, op, value);
    }
  }

  private compareBoolean(t: Scalar, op: CompareOp, value: string | number | boolean): string {
    if (op !== "eq" && op !== "ne") throw invalidFilter(`"${t.label}" is a boolean; it supports only eq, ne and pr, not "${op}"`);
    // Microsoft Entra sends booleans as the strings "True"/"False" (MS-REF#21), so accept them in filters too.
    const b = typeof value === "string" && /^(true|false)$/i.test(value) ? value.toLowerCase() === "true" : value;
    if (typeof b !== "boolean") throw invalidFilter(`"${t.label}" is a boolean; compare it with true or false, not ${JSON.stringify(value)}`);
    return `${t.text} ${op === "eq" ? "=" : "IS DISTINCT FROM"} ${this.param(b)}`;
  }

  private compareDateTime(t: Scalar, op: CompareOp, value: string | number | boolean): string {
    if (op === "co" || op === "sw" || op === "ew") throw invalidFilter(`"${t.label}" is a dateTime; use eq, ne, gt, ge, lt, le or pr, not "${op}"`);
    // Checked here because Postgres would reject a bad timestamp with an error that surfaces as a 500.
    if (typeof value !== "string" || !isDateTime(value))
      throw invalidFilter(`"${t.label}" is a dateTime; ${JSON.stringify(value)} is not an xsd:dateTime such as "2011-05-13T04:42:34Z"`);
    return `${t.text} ${sqlOp(op)} ${this.param(value)}::timestamptz`;
  }

  private compareNumber(t: Scalar, op: CompareOp, value: string | number | boolean): string {
    if (op === "co" || op === "sw" || op === "ew") throw invalidFilter(`"${t.label}" is a number; use eq, ne, gt, ge, lt, le or pr, not "${op}"`);
    const n = typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    if (typeof n !== "number") throw invalidFilter(`"${t.label}" is a number; ${JSON.stringify(value)} is not a number`);
    // ::numeric, so `1.5` or `1e300` against an integer column is a comparison, not a Postgres cast error (a 500).
    return `${t.text} ${sqlOp(op)} ${this.param(n)}::numeric`;
  }

  /**
   * RFC 7644 §3.4.2.2: caseExact=false compares case-insensitively (`lower(...)`, matching a `lower(col)` index),
   * co/sw/ew are substring matches (LIKE with the value's wildcards escaped), gt/ge/lt/le on strings are
   * lexicographical (byte order, COLLATE "C", independent of the database locale).
   */
  private compareString(t: Scalar, op: CompareOp, value: string | number | boolean): string {
    if (typeof value === "boolean") {
      if (op !== "eq" && op !== "ne") throw invalidFilter(`"${op}" can't compare "${t.label}" with a boolean`);
      // Stored as sent: lower() also matches Entra's "True"/"False" strings (MS-REF#21).
      return `lower(${t.text}) ${op === "eq" ? "=" : "IS DISTINCT FROM"} ${this.param(String(value))}`;
    }
    if (typeof value === "number" && t.json && ORDER_OPS[op]) {
      return `(CASE WHEN jsonb_typeof(${t.json}) = 'number' THEN (${t.json})::numeric END) ${sqlOp(op)} ${this.param(value)}::numeric`;
    }
    // A number against a string attribute compares its JSON text: Entra's unquoted `externalId eq 12345` parses as a number.
    const s = String(value);
    // citext folds case itself, as long as both sides are citext; lower() on it would bypass its index.
    const fold = (sql: string, isColumn: boolean) =>
      t.caseExact ? sql : t.citext ? (isColumn ? sql : `${sql}::citext`) : `lower(${sql})`;
    const col = fold(t.text, true);
    switch (op) {
      case "eq": return `${col} = ${fold(this.param(s), false)}`;
      case "ne": return `${col} IS DISTINCT FROM ${fold(this.param(s), false)}`;
      case "co": return `${col} LIKE ${fold(this.param(`%${escapeLike(s)}%`), false)} ESCAPE '\\'`;
      case "sw": return `${col} LIKE ${fold(this.param(`${escapeLike(s)}%`), false)} ESCAPE '\\'`;
      case "ew": return `${col} LIKE ${fold(this.param(`%${escapeLike(s)}`), false)} ESCAPE '\\'`;
      default: {
        // Ordering compares in byte order; citext's own ordering follows the locale, so fold with lower() here.
        const order = (sql: string) => (t.caseExact ? sql : `lower(${sql})`);
        return `${order(t.text)} COLLATE "C" ${sqlOp(op)} ${order(this.param(s))}`;
      }
    }
  }

  private param(value: unknown): string {
    return `$${this.params.push(value)}`;
  }
}

/**
 * Finds where a top-level path lives. RFC 7644 §3.10: a path qualified with the core URN is the unqualified path;
 * an extension's attributes sit under its URN key. Unknown URNs are refused, since nothing says where they're stored.
 */
function locate(path: AttrPath, mapping: SqlMapping, scimType: ScimType, forCompare: boolean): Located {
  const label = pathLabel(path);
  const uri = path.uri?.toLowerCase();
  let ext = uri === undefined || uri === mapping.coreUrn ? undefined : uri;
  if (ext !== undefined && !mapping.extensionUrns.includes(ext)) throw new ScimError(400, scimType, `"${label}" uses an unknown schema URN`);
  const attrL = path.attr.toLowerCase();
  let sub = path.sub;
  // Microsoft Entra checks a manager reference with `manager eq <id>`: unqualified (allowed by RFC 7644 §3.10,
  // the name is unique) and without `.value`.
  if (ext === undefined && ENTERPRISE_ATTRS.has(attrL) && mapping.extensionUrns.includes(ENTERPRISE_USER_URN_LOWER) && !own(mapping.columns, attrL)) {
    ext = ENTERPRISE_USER_URN_LOWER;
  }
  if (attrL === "manager" && sub === undefined && forCompare) sub = "value";
  const colKey = `${ext ? `${ext}:` : ""}${attrL}${sub ? `.${sub.toLowerCase()}` : ""}`;
  const jsonKeys = [canonicalName(path.attr), ...(sub ? [canonicalName(sub)] : [])];
  if (ext) jsonKeys.unshift(CANONICAL_URNS.get(ext) ?? path.uri ?? ext);
  return { ...(ext !== undefined && { ext }), colKey, jsonKeys, label, attrL };
}

function elementScalar(mv: Collection, name: string, nested: string | undefined): Scalar {
  const subL = name.toLowerCase();
  const label = nested ? `${name}.${nested}` : name;
  const caseExactSub = mv.caseExactSubs?.includes(subL) ?? false;
  if (mv.source.kind === "table") {
    const col = nested === undefined ? own(mv.source.subColumns, subL) : undefined;
    if (!col) throw invalidFilter(`the sub-attribute "${label}" can't be used in a filter here`);
    return { kind: "scalar", text: col.sql, type: col.type, caseExact: col.caseExact || caseExactSub, label };
  }
  const keys = [canonicalName(name), ...(nested ? [canonicalName(nested)] : [])];
  return { kind: "scalar", ...jsonRead("e.v", keys), type: "string", caseExact: caseExactSub, label };
}

/** RFC 7644 §3.4.2.2 "pr": present and non-empty; null, "", [] and {} count as absent (RFC 7643 §2.5). Never NULL. */
function present(target: Scalar | Multi): string {
  if (target.kind === "multi") {
    if (target.sub === undefined) {
      if (target.mv.source.kind === "table") return exists(target.mv, "true");
      return exists(target.mv, jsonPresent("e.v"));
    }
    return exists(target.mv, present(elementScalar(target.mv, target.sub, undefined)));
  }
  if (target.json) return jsonPresent(target.json);
  return target.type === "string" ? `COALESCE(${target.text} <> '', false)` : `${target.text} IS NOT NULL`;
}

function jsonPresent(json: string): string {
  return `COALESCE(${json} NOT IN ('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb), false)`;
}

/**
 * RFC 7644 §3.4.2.2: "any element matches". The CASE keeps jsonb_array_elements from raising an error (a 500) on a
 * resource whose attribute isn't an array; `name[givenName eq "x"]` treats the lone object as a one-element list.
 */
function exists(mv: Collection, cond: string): string {
  const src = mv.source;
  if (src.kind === "table") return `EXISTS (SELECT 1 FROM ${src.from} WHERE (${src.where})${cond === "true" ? "" : ` AND ${cond}`})`;
  const arr = mv.single
    ? `CASE jsonb_typeof(${src.sql}) WHEN 'array' THEN ${src.sql} WHEN 'object' THEN jsonb_build_array(${src.sql}) ELSE '[]'::jsonb END`
    : `CASE WHEN jsonb_typeof(${src.sql}) = 'array' THEN ${src.sql} ELSE '[]'::jsonb END`;
  return `EXISTS (SELECT 1 FROM jsonb_array_elements(${arr}) AS e(v) WHERE ${cond})`;
}

function jsonRead(base: string, keys: string[]): { json: string; text: string } {
  const lits = keys.map(jsonKey);
  const last = lits.pop() as string;
  const prefix = [base, ...lits].join("->");
  return { json: `${prefix}->${last}`, text: `${prefix}->>${last}` };
}

/**
 * JSON keys are embedded as SQL literals, not bound, so an expression index on `attributes->>'x'` can match.
 * They come from the request, so only a quote-free alphabet gets through (security: no SQL injection).
 */
function jsonKey(key: string): string {
  if (!/^[A-Za-z0-9$_.:-]+$/.test(key)) throw invalidFilter(`"${key}" is not a valid attribute name`);
  return `'${key}'`;
}

function canonicalName(name: string): string {
  return CANONICAL_NAMES.get(name.toLowerCase()) ?? name;
}

function sqlOp(op: CompareOp): string {
  return ORDER_OPS[op] ?? (op === "ne" ? "IS DISTINCT FROM" : "=");
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

// xsd:dateTime (RFC 7643 §2.3.5), also accepting a bare date and a missing zone, which Postgres reads in the session zone.
const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:[Zz]|[+-](\d{2}):?(\d{2}))?)?$/;

function isDateTime(s: string): boolean {
  const m = DATE_TIME_RE.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, sec, oh, om] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number, number, number];
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0;
  return y >= 1 && d >= 1 && d <= days && h <= 23 && mi <= 59 && sec <= 59 && oh <= 15 && om <= 59;
}

function pathLabel(path: AttrPath): string {
  return `${path.uri ? `${path.uri}:` : ""}${path.attr}${path.sub ? `.${path.sub}` : ""}`;
}

function invalidFilter(message: string): ScimError {
  return new ScimError(400, "invalidFilter", `Invalid filter: ${message}`);
}

/** Own keys only: attribute names come from the request, and `constructor` must not find Object.prototype's. */
function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function canonicalCase(names: string[]): Map<string, string> {
  return new Map(names.map((n) => [n.toLowerCase(), n]));
}
