/**
 * The parsed shape of SCIM filters (RFC 7644 §3.4.2.2) and PATCH paths (RFC 7644 §3.5.2).
 * Shared by the filter parser, the PATCH engine and the SQL translator in lib/directory.
 */

/** An attribute path as sent: `urn:...:User:department`, `name.givenName`, `emails`. Case is preserved; compare case-insensitively. */
export type AttrPath = {
  /** Schema URN prefix, when the path was URN-qualified (e.g. the Enterprise User extension). */
  uri?: string;
  attr: string;
  sub?: string;
};

export type CompareOp = "eq" | "ne" | "co" | "sw" | "ew" | "gt" | "ge" | "lt" | "le";

export type FilterValue = string | number | boolean | null;

export type FilterNode =
  | { kind: "compare"; path: AttrPath; op: CompareOp; value: FilterValue }
  | { kind: "present"; path: AttrPath }
  | { kind: "and"; left: FilterNode; right: FilterNode }
  | { kind: "or"; left: FilterNode; right: FilterNode }
  | { kind: "not"; filter: FilterNode }
  /** `emails[type eq "work"]`: `path` names the multi-valued attribute (no `sub`); paths inside `filter` are relative to one element. */
  | { kind: "valuePath"; path: AttrPath; filter: FilterNode };

/** A PATCH `path`: `attrPath`, or `valuePath [ "." subAttr ]` as in `emails[type eq "work"].value`. */
export type PatchPath = {
  path: AttrPath;
  valueFilter?: FilterNode;
  /** The sub-attribute after a value filter: `value` in `emails[type eq "work"].value`. */
  subAttr?: string;
};
