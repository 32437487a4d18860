/**
 * RFC 7644 §3.5.2 PATCH over an in-memory SCIM resource (canonical keys, without id/meta, Groups without members).
 * Group membership is never materialized here: member changes come back as `memberOps` for set-based SQL.
 */
import { keepStoredActive } from "./active";
import { dropPasswords } from "./drop-passwords";
import { ScimError } from "./errors";
import type { AttrPath, CompareOp, FilterNode, FilterValue, PatchPath } from "./filter-ast";
import { parsePatchPath } from "./filter";
import { parseAttributeValue, parseMembersValue, type MemberInput, type PatchOperation } from "./requests";
import {
  canonicalizeValue, findAttribute, findSchema, findSubAttribute, isPlainObject, schemasFor,
  type AttributeDefinition, type ResourceTypeName,
} from "./schemas";

export type MemberOp =
  | { kind: "add"; members: MemberInput[] }
  | { kind: "remove"; values: string[] }
  | { kind: "removeAll" }
  | { kind: "replace"; members: MemberInput[] };

export type PatchResult = {
  resource: Record<string, unknown>;
  /** In request order; the caller runs them after storing `resource`. Always empty for Users. */
  memberOps: MemberOp[];
  changed: boolean;
};

type Resource = Record<string, unknown>;
type Op = PatchOperation["op"];

type Context = {
  resource: Resource;
  resourceType: ResourceTypeName;
  id: string | undefined;
  memberOps: MemberOp[];
};

/**
 * Applies `operations` in order to a copy of `resource`; throws ScimError on the first failure so the caller applies
 * nothing. Pass `options.id` (the resource's id) so that Okta's group rename, which repeats the id inside a no-path
 * value, is accepted while a different id is rejected.
 */
export function applyPatch(
  resource: Resource,
  operations: PatchOperation[],
  resourceType: ResourceTypeName,
  options: { id?: string } = {},
): PatchResult {
  const ctx: Context = { resource: structuredClone(resource), resourceType, id: options.id, memberOps: [] };
  for (const operation of operations) {
    if (operation.path === undefined) applyWithoutPath(ctx, operation.op, operation.value);
    else applyPath(ctx, operation.op, operation.path, operation.value);
  }
  assertRequired(ctx);
  const patched = dropPasswords(resourceType === "User" ? keepStoredActive(resource, ctx.resource) : ctx.resource);
  return {
    resource: patched,
    memberOps: ctx.memberOps,
    changed: ctx.memberOps.length > 0 || !deepEqual(patched, resource),
  };
}

/**
 * RFC 7644 §3.5.2.1/§3.5.2.3: without a path the value's keys are attribute paths. Entra (aadOptscim062020) sends dotted
 * and URN-qualified keys, `{"name.givenName": ..., "urn:...:User:employeeNumber": ...}` (idp-payloads.md §1.7).
 */
function applyWithoutPath(ctx: Context, op: Op, value: unknown) {
  if (op === "remove") throw new ScimError(400, "noTarget", "A remove operation needs a path");
  if (!isPlainObject(value)) throw new ScimError(400, "invalidValue", "An operation without a path needs an object value");
  const [core] = schemasFor(ctx.resourceType);
  for (const [key, v] of Object.entries(value)) {
    const lower = key.toLowerCase();
    if (lower === "schemas" || lower === "meta" || lower === "groups") continue; // RFC 7643 §7: readOnly input is ignored
    if (lower === "id") {
      // Okta repeats the group's id in its no-path rename (idp-payloads.md §2.5).
      if (ctx.id !== undefined && v !== ctx.id) throw new ScimError(400, "mutability", "id cannot be changed");
      continue;
    }
    const schema = key.includes(":") ? findSchema(ctx.resourceType, key) : undefined;
    if (schema === core) applyWithoutPath(ctx, op, v);
    else if (schema) applyToExtension(ctx, op, schema.id, v);
    else {
      const parsed = parsePatchPath(key);
      const known = findAttribute(ctx.resourceType, { ...parsed.path, sub: undefined }) !== undefined;
      if (!known && lower.startsWith("urn:") && isPlainObject(v)) applyToExtension(ctx, op, key, v);
      else applyTarget(ctx, op, parsed, v, key);
    }
  }
}

function applyPath(ctx: Context, op: Op, path: string, value: unknown) {
  const schema = findSchema(ctx.resourceType, path);
  if (!schema) return applyTarget(ctx, op, parsePatchPath(path), value, path);
  if (schema === schemasFor(ctx.resourceType)[0]) {
    if (op === "remove") throw new ScimError(400, "noTarget", "The core schema cannot be removed");
    return applyWithoutPath(ctx, op, value);
  }
  if (op === "remove") delete ctx.resource[schema.id];
  else applyToExtension(ctx, op, schema.id, value);
}

/** A whole extension object, as a path (`"path": "urn:...:enterprise:2.0:User"`) or as a key of a no-path value. */
function applyToExtension(ctx: Context, op: Op, uri: string, value: unknown) {
  if (value === null && op === "replace") return void delete ctx.resource[keyFor(ctx.resource, uri)];
  if (!isPlainObject(value)) throw new ScimError(400, "invalidValue", `${uri} needs an object value`);
  for (const [key, v] of Object.entries(value)) {
    const parsed = parsePatchPath(key);
    applyTarget(ctx, op, { ...parsed, path: { ...parsed.path, uri } }, v, `${uri}:${key}`);
  }
}

type Target = {
  container: Resource;
  containerKey: string | undefined;
  key: string;
  def: AttributeDefinition | undefined;
};

function resolve(ctx: Context, path: AttrPath, create: boolean): Target {
  const match = findAttribute(ctx.resourceType, { ...path, sub: undefined });
  const [core] = schemasFor(ctx.resourceType);
  const uri = match ? match.schema : path.uri;
  let container = ctx.resource;
  let containerKey: string | undefined;
  if (uri !== undefined && uri.toLowerCase() !== core!.id.toLowerCase()) {
    containerKey = keyFor(ctx.resource, uri);
    const existing = ctx.resource[containerKey];
    if (isPlainObject(existing)) container = existing;
    else {
      container = {};
      if (create) ctx.resource[containerKey] = container;
    }
  }
  return { container, containerKey, key: match?.attribute.name ?? keyFor(container, path.attr), def: match?.attribute };
}

function applyTarget(ctx: Context, op: Op, parsed: PatchPath, value: unknown, label: string) {
  const target = resolve(ctx, parsed.path, op !== "remove");
  const { def } = target;
  if (ctx.resourceType === "Group" && def?.name === "members") return applyMembers(ctx, op, parsed, value);
  const subName = parsed.path.sub;
  const subDef = def && subName !== undefined ? findSubAttribute(def, subName) : undefined;
  const leafName = parsed.subAttr ?? subName;
  const leafDef = def && leafName !== undefined ? findSubAttribute(def, leafName) : def;
  if (def?.mutability === "readOnly" || (leafName !== undefined && leafDef?.mutability === "readOnly")) {
    throw new ScimError(400, "mutability", `${label} is read-only`);
  }
  // Okta sends its placeholder password in PATCH too (idp-payloads.md §2.4); passwords are never stored.
  if (def?.mutability === "writeOnly") return;

  if (parsed.valueFilter !== undefined || (def?.multiValued && subName !== undefined)) {
    if (def && !def.multiValued) throw new ScimError(400, "invalidPath", `${label}: ${def.name} is not multi-valued`);
    applyToElements(target, op, parsed.valueFilter, leafName, value, label);
  } else if (subName !== undefined) {
    applyToSubAttribute(target, op, subDef?.name ?? subName, subDef, value, label);
  } else if (op === "remove") {
    removeAttribute(target, value);
  } else {
    setAttribute(target, op, value, label);
  }
  dropEmptyExtension(ctx, target);
}

function setAttribute(target: Target, op: Op, value: unknown, label: string) {
  const { container, key, def } = target;
  if (value === null) return void delete container[key]; // RFC 7643 §2.5: null is unassigned
  if (!def) return void (container[key] = value);
  if (def.multiValued) {
    const incoming = normalize(def, Array.isArray(value) ? value : [value], label) as unknown[];
    const existing = op === "add" && Array.isArray(container[key]) ? (container[key] as unknown[]) : [];
    const added = incoming.filter((v) => !existing.some((e) => deepEqual(e, v)));
    const next = [...existing, ...added];
    if (next.length === 0) delete container[key];
    else container[key] = clearOtherPrimaries(next, added);
    return;
  }
  if (def.type !== "complex") return void (container[key] = normalize(def, value, label));
  const object = complexValue(def, value, label);
  if (object === undefined) return void delete container[key];
  const existing = container[key];
  // RFC 7644 §3.5.2.3: sub-attributes not in the value are left unchanged; a manager is a reference, so a new one replaces it.
  container[key] = isPlainObject(existing) && def.name !== "manager" ? { ...existing, ...object } : object;
}

/**
 * Entra adds a manager as a one-element array (idp-payloads.md §1.5) or as a bare id, and removes one by replacing it
 * with `{"value": ""}` (§1.8). Returns undefined for "no value".
 */
function complexValue(def: AttributeDefinition, value: unknown, label: string): Resource | undefined {
  let v = value;
  if (Array.isArray(v)) {
    if (v.length > 1) throw new ScimError(400, "invalidValue", `${label} is single-valued`);
    v = v[0];
  }
  if (typeof v === "string" && findSubAttribute(def, "value")) v = { value: v };
  if (v === undefined || v === null) return undefined;
  const object = normalize(def, v, label) as Resource;
  if (def.name === "manager" && (object.value === undefined || object.value === "")) return undefined;
  return object;
}

function removeAttribute(target: Target, value: unknown) {
  const { container, key } = target;
  const existing = container[key];
  // Entra's non-RFC form for members generalises: remove with a value list removes those elements.
  if (Array.isArray(existing) && value !== undefined && value !== null) {
    const doomed = (Array.isArray(value) ? value : [value]).map((v) => (target.def ? canonicalizeValue(target.def, [v]) as unknown[] : [v])[0]);
    const rest = existing.filter((e) => !doomed.some((d) => sameElement(e, d)));
    if (rest.length === 0) delete container[key];
    else container[key] = rest;
    return;
  }
  delete container[key];
}

function sameElement(element: unknown, probe: unknown): boolean {
  if (isPlainObject(element) && isPlainObject(probe) && probe.value !== undefined) return deepEqual(element.value, probe.value);
  return deepEqual(element, probe);
}

function applyToSubAttribute(target: Target, op: Op, sub: string, subDef: AttributeDefinition | undefined, value: unknown, label: string) {
  const { container, key } = target;
  const parent = container[key];
  if (op === "remove" || value === null) {
    if (!isPlainObject(parent)) return;
    delete parent[keyFor(parent, sub)];
    if (Object.keys(parent).length === 0) delete container[key];
    return;
  }
  const object = isPlainObject(parent) ? parent : (container[key] = {});
  object[keyFor(object, sub)] = subDef ? normalize(subDef, value, label) : value;
}

/**
 * `emails[type eq "work"].value`, `phoneNumbers[type eq "mobile"]`, or `emails.value` (every element).
 * RFC 7644 §3.5.2.3 answers noTarget when a replace filter matches nothing; but Entra's default mappings
 * (`emails[type eq "work"].value`, `addresses[type eq "work"].streetAddress`, `phoneNumbers[type eq "mobile"].value`,
 * idp-payloads.md §1.5, §1.7) replace values the user may not have yet, expecting them to be created. So when the
 * filter is only `eq` comparisons we create the element they describe; any other filter that matches nothing is noTarget.
 */
function applyToElements(target: Target, op: Op, filter: FilterNode | undefined, sub: string | undefined, value: unknown, label: string) {
  const { container, key, def } = target;
  const list = Array.isArray(container[key]) ? [...(container[key] as unknown[])] : [];
  const matches = (el: unknown) => filter === undefined || matchesFilter(el, filter, def);
  const subDef = def && sub !== undefined ? findSubAttribute(def, sub) : undefined;

  if (op === "remove") {
    const next = sub === undefined
      ? list.filter((el) => !matches(el))
      : list.map((el) => (isPlainObject(el) && matches(el) ? withoutKey(el, sub) : el));
    if (next.length === 0) delete container[key];
    else container[key] = next;
    return;
  }

  let touched = list.filter(matches);
  if (touched.length === 0) {
    const template = filter && equalityTemplate(filter, def);
    if (!template) throw new ScimError(400, "noTarget", `${label}: no value matched the filter`);
    list.push(template);
    touched = [template];
  }
  const updated = new Map<unknown, unknown>();
  for (const el of touched) {
    const base = isPlainObject(el) ? el : {};
    let next: Resource;
    if (sub !== undefined) {
      next = { ...base };
      if (value === null) delete next[keyFor(next, sub)];
      else next[subDef?.name ?? keyFor(next, sub)] = subDef ? normalize(subDef, value, label) : value;
    } else {
      const element = Array.isArray(value) && value.length === 1 ? value[0] : value;
      if (!isPlainObject(element)) throw new ScimError(400, "invalidValue", `${label} needs an object value`);
      const incoming = (def ? (normalize(def, [element], label) as Resource[])[0] : element) as Resource;
      // Replace swaps the element but keeps what the filter selected on (e.g. `type`), so it stays addressable.
      next = op === "replace" ? { ...(filter ? equalityTemplate(filter, def) : {}), ...incoming } : { ...base, ...incoming };
    }
    updated.set(el, next);
  }
  const next = list.map((el) => (updated.has(el) ? updated.get(el) : el));
  container[key] = clearOtherPrimaries(next, [...updated.values()]);
}

/** `type eq "work"` (or several `eq` joined by `and`) → `{type: "work"}`; undefined for anything else. */
function equalityTemplate(filter: FilterNode, def: AttributeDefinition | undefined): Resource | undefined {
  if (filter.kind === "and") {
    const left = equalityTemplate(filter.left, def);
    const right = equalityTemplate(filter.right, def);
    return left && right ? { ...left, ...right } : undefined;
  }
  if (filter.kind !== "compare" || filter.op !== "eq" || filter.value === null || filter.path.sub || filter.path.uri) return undefined;
  const name = (def && findSubAttribute(def, filter.path.attr)?.name) ?? filter.path.attr;
  return { [name]: filter.value };
}

/** RFC 7643 §2.4: a newly written `primary: true` wins; every other element loses it. */
function clearOtherPrimaries(list: unknown[], written: unknown[]): unknown[] {
  const primaries = list.filter((el) => isPlainObject(el) && el.primary === true);
  if (primaries.length <= 1) return list;
  const winner = primaries.find((el) => written.includes(el)) ?? primaries[0];
  return list.map((el) => (el !== winner && isPlainObject(el) && el.primary === true ? { ...el, primary: false } : el));
}

/**
 * Membership, in the three removal forms seen in the wild: `members[value eq "x"]` (RFC, Entra with aadOptscim062020,
 * Okta), `path: "members"` with a value list (Entra default, idp-payloads.md §1.7), and remove without value or replace
 * of the whole list (Okta full push §2.5, Microsoft collection "Patch remove all users").
 */
function applyMembers(ctx: Context, op: Op, parsed: PatchPath, value: unknown) {
  if (parsed.subAttr !== undefined || parsed.path.sub !== undefined) {
    throw new ScimError(400, "invalidPath", "Member sub-attributes cannot be patched");
  }
  if (parsed.valueFilter !== undefined) {
    if (op !== "remove") throw new ScimError(400, "invalidPath", `Cannot ${op} members through a filter`);
    return void ctx.memberOps.push({ kind: "remove", values: memberValuesOf(parsed.valueFilter) });
  }
  const empty = value === undefined || value === null || (Array.isArray(value) && value.length === 0);
  if (op === "add") {
    if (!empty) ctx.memberOps.push({ kind: "add", members: parseMembersValue(value) });
  } else if (op === "replace") {
    ctx.memberOps.push(empty ? { kind: "removeAll" } : { kind: "replace", members: parseMembersValue(value) });
  } else if (value === undefined || value === null) {
    ctx.memberOps.push({ kind: "removeAll" });
  } else if (!empty) {
    ctx.memberOps.push({ kind: "remove", values: parseMembersValue(value).map((m) => m.value) });
  }
}

/** Members are not loaded in memory, so only `value eq "x"` (optionally or-ed) can be turned into SQL. */
function memberValuesOf(filter: FilterNode): string[] {
  if (filter.kind === "or") return [...new Set([...memberValuesOf(filter.left), ...memberValuesOf(filter.right)])];
  if (filter.kind === "compare" && filter.op === "eq" && filter.path.attr.toLowerCase() === "value" && !filter.path.sub
    && (typeof filter.value === "string" || typeof filter.value === "number")) {
    return [String(filter.value)];
  }
  throw new ScimError(400, "invalidFilter", 'Members can only be selected with value eq "<id>"');
}

/** Canonical keys, nulls dropped, types checked and Entra's boolean strings coerced. */
function normalize(def: AttributeDefinition, value: unknown, label: string): unknown {
  return parseAttributeValue(def, canonicalizeValue(def, value), label);
}

/** RFC 7643 §4.1 / §4.2: userName and Group displayName are required and non-empty. */
function assertRequired(ctx: Context) {
  const name = ctx.resourceType === "User" ? "userName" : "displayName";
  const value = ctx.resource[name];
  // RFC 7644 §3.5.2.2: removing (unassigning) a required attribute is a mutability error; a wrong value is invalidValue.
  if (value === undefined || value === null) throw new ScimError(400, "mutability", `${name} is required and cannot be removed`);
  if (typeof value !== "string" || value.trim() === "") throw new ScimError(400, "invalidValue", `${name} is required`);
}

function dropEmptyExtension(ctx: Context, target: Target) {
  if (target.containerKey !== undefined && Object.keys(target.container).length === 0) delete ctx.resource[target.containerKey];
}

/** The existing key matching `name` in any case, else `name` as sent. */
function keyFor(object: Resource, name: string): string {
  const lower = name.toLowerCase();
  return Object.keys(object).find((k) => k.toLowerCase() === lower) ?? name;
}

function withoutKey(object: Resource, name: string): Resource {
  const lower = name.toLowerCase();
  return Object.fromEntries(Object.entries(object).filter(([k]) => k.toLowerCase() !== lower));
}

function valueAt(element: unknown, path: AttrPath): unknown {
  if (!isPlainObject(element)) return path.attr.toLowerCase() === "value" && path.sub === undefined ? element : undefined;
  const value = element[keyFor(element, path.attr)];
  return path.sub === undefined ? value : isPlainObject(value) ? value[keyFor(value, path.sub)] : undefined;
}

/**
 * RFC 7644 §3.4.2.2 evaluated on one element of a multi-valued attribute. Paths are relative to the element; strings
 * compare case-insensitively unless the sub-attribute of `parent` is caseExact.
 */
export function matchesFilter(element: unknown, node: FilterNode, parent?: AttributeDefinition): boolean {
  switch (node.kind) {
    case "and": return matchesFilter(element, node.left, parent) && matchesFilter(element, node.right, parent);
    case "or": return matchesFilter(element, node.left, parent) || matchesFilter(element, node.right, parent);
    case "not": return !matchesFilter(element, node.filter, parent);
    case "present": {
      const v = valueAt(element, node.path);
      return v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0)
        && !(isPlainObject(v) && Object.keys(v).length === 0);
    }
    case "valuePath": {
      const v = valueAt(element, node.path);
      const nested = parent && findSubAttribute(parent, node.path.attr);
      return (Array.isArray(v) ? v : [v]).some((el) => el !== undefined && matchesFilter(el, node.filter, nested));
    }
    case "compare": {
      const actual = valueAt(element, node.path);
      const caseExact = parent ? findSubAttribute(parent, node.path.attr)?.caseExact ?? false : false;
      const values = Array.isArray(actual) ? actual : [actual];
      if (node.op === "ne") return !values.some((v) => compare(v, "eq", node.value, caseExact));
      return values.some((v) => compare(v, node.op, node.value, caseExact));
    }
  }
}

function compare(actual: unknown, op: CompareOp, expected: FilterValue, caseExact: boolean): boolean {
  if (expected === null) return op === "eq" && (actual === undefined || actual === null);
  if (actual === undefined || actual === null || isPlainObject(actual)) return false;
  if (typeof actual === "number" && typeof expected === "number") {
    switch (op) {
      case "eq": return actual === expected;
      case "gt": return actual > expected;
      case "ge": return actual >= expected;
      case "lt": return actual < expected;
      case "le": return actual <= expected;
      default: return false;
    }
  }
  if (typeof actual === "boolean" || typeof expected === "boolean") {
    return op === "eq" && String(actual).toLowerCase() === String(expected).toLowerCase();
  }
  const a = caseExact ? String(actual) : String(actual).toLowerCase();
  const e = caseExact ? String(expected) : String(expected).toLowerCase();
  switch (op) {
    case "eq": return a === e;
    case "co": return a.includes(e);
    case "sw": return a.startsWith(e);
    case "ew": return a.endsWith(e);
    case "gt": return a > e;
    case "ge": return a >= e;
    case "lt": return a < e;
    case "le": return a <= e;
    default: return false;
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}
