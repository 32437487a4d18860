import { ScimError } from "./errors";
import type { AttrPath, CompareOp, FilterNode, FilterValue, PatchPath } from "./filter-ast";

/**
 * Protects the server: a filter arrives in a query string and is parsed before anything else is checked, and a
 * long `co` value runs unindexed over every row (issue 12: twelve 10,000-character ones slowed every tenant).
 * Room for an `eq` on the longest indexed value (2,000 bytes, lib/directory/assert-indexable.ts) and then some.
 */
export const MAX_FILTER_LENGTH = 4_096;
/** Longest value of a substring comparison (co, sw, ew): no name, email or id an identity provider matches on is longer. */
export const MAX_SUBSTRING_LENGTH = 256;
/** Comparisons in one filter; identity providers send one or two (`userName eq "…"`, `externalId eq "…"`). */
export const MAX_FILTER_COMPARISONS = 50;
/** Bounds the parser's recursion (parentheses, `not (`, `[ ]`), so a hostile filter can't exhaust the stack. */
export const MAX_FILTER_DEPTH = 50;

const COMPARE_OPS: ReadonlySet<string> = new Set<CompareOp>(["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"]);
const OPS_LIST = "eq, ne, co, sw, ew, gt, ge, lt, le or pr";

// RFC 7643 §2.1: ATTRNAME = ALPHA *(nameChar). `$ref` is the one RFC 7643 name outside that grammar (members.$ref).
const NAME = String.raw`(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)`;
const ATTR_PATH_RE = new RegExp(`^(${NAME})(?:\\.(${NAME}))?$`);
const SUB_ATTR_RE = new RegExp(`^\\.(${NAME})$`);
// RFC 8141: urn:<NID>:<NSS>. Every SCIM schema URN has at least one more ':' segment after the NID.
const URN_RE = /^urn:[A-Za-z0-9][A-Za-z0-9-]*(?::[A-Za-z0-9._~%+=@!$&*,;/?-]+)+$/i;
const JSON_NUMBER_RE = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

type Token =
  | { t: "(" | ")" | "[" | "]" | "end"; pos: number }
  | { t: "word"; text: string; pos: number }
  | { t: "string"; value: string; raw: string; pos: number };

type Mode = { scimType: "invalidFilter" | "invalidPath"; noun: "filter" | "path" };
const FILTER: Mode = { scimType: "invalidFilter", noun: "filter" };
const PATH: Mode = { scimType: "invalidPath", noun: "path" };

/**
 * Parses a SCIM filter (RFC 7644 §3.4.2.2). Throws ScimError(400, "invalidFilter") with the 1-based character
 * position of the problem; never throws anything else.
 */
export function parseFilter(expr: string): FilterNode {
  const p = new Parser(expr, FILTER);
  const node = p.parseOr(false);
  p.expectEnd();
  return node;
}

/** Parses a PATCH `path` (RFC 7644 §3.5.2): `attrPath` or `valuePath [ "." subAttr ]`. Throws ScimError(400, "invalidPath"). */
export function parsePatchPath(path: string): PatchPath {
  const p = new Parser(path, PATH);
  const result = p.parsePatchPath();
  p.expectEnd();
  return result;
}

class Parser {
  private readonly tokens: Token[];
  private i = 0;
  private depth = 0;
  private comparisons = 0;

  constructor(
    input: string,
    private readonly mode: Mode,
  ) {
    if (typeof input !== "string") this.fail(0, `the ${mode.noun} must be a string`);
    if (input.length > MAX_FILTER_LENGTH) this.fail(0, `the ${mode.noun} is longer than ${MAX_FILTER_LENGTH} characters`);
    if (input.trim() === "") this.fail(0, `the ${mode.noun} is empty`);
    this.tokens = this.lex(input);
  }

  parsePatchPath(): PatchPath {
    const tok = this.next();
    if (tok.t !== "word") this.fail(tok.pos, `expected an attribute path, found ${this.describe(tok)}`);
    const path = this.attrPath(tok.text, tok.pos);
    if (this.peek().t !== "[") return { path };
    const valueFilter = this.bracketFilter(path, tok.text, tok.pos);
    const sub = this.peek();
    if (sub.t !== "word") return { path, valueFilter };
    this.i++;
    return { path, valueFilter, subAttr: this.subAttr(sub.text, sub.pos) };
  }

  expectEnd(): void {
    const tok = this.peek();
    if (tok.t === "end") return;
    if (this.mode === PATH) this.fail(tok.pos, `expected the end of the path, found ${this.describe(tok)}`);
    this.fail(tok.pos, `expected "and", "or" or the end of the filter, found ${this.describe(tok)}`);
  }

  /** RFC 7644 §3.4.2.2: "and" binds tighter than "or"; both are left-associative. */
  parseOr(inValuePath: boolean): FilterNode {
    let left = this.parseAnd(inValuePath);
    while (this.peekKeyword("or")) {
      this.i++;
      left = { kind: "or", left, right: this.parseAnd(inValuePath) };
    }
    return left;
  }

  private parseAnd(inValuePath: boolean): FilterNode {
    let left = this.parseUnary(inValuePath);
    while (this.peekKeyword("and")) {
      this.i++;
      left = { kind: "and", left, right: this.parseUnary(inValuePath) };
    }
    return left;
  }

  private parseUnary(inValuePath: boolean): FilterNode {
    const tok = this.next();
    if (tok.t === "(") return this.group(tok.pos, inValuePath);
    if (tok.t !== "word") this.fail(tok.pos, `expected an attribute name, "not" or "(", found ${this.describe(tok)}`);
    const keyword = tok.text.toLowerCase();
    const after = this.peek();
    if (keyword === "not" && after.t === "(") {
      this.i++;
      return { kind: "not", filter: this.group(after.pos, inValuePath) };
    }
    // A keyword is an attribute name only when an operator follows (`not eq "x"`); otherwise point at the real mistake.
    if ((keyword === "not" || keyword === "and" || keyword === "or") && !(after.t === "word" && isOperator(after.text))) {
      if (keyword === "not") this.fail(after.pos, `expected "(" after "not", found ${this.describe(after)}`);
      this.fail(tok.pos, `expected an attribute name, "not" or "(", found ${this.describe(tok)}`);
    }
    return this.attrExpr(tok.text, tok.pos, inValuePath);
  }

  private group(pos: number, inValuePath: boolean): FilterNode {
    this.enter(pos);
    const node = this.parseOr(inValuePath);
    const close = this.next();
    if (close.t !== ")") this.fail(close.pos, `expected "and", "or" or ")", found ${this.describe(close)}`);
    this.depth--;
    return node;
  }

  private attrExpr(text: string, pos: number, inValuePath: boolean): FilterNode {
    const path = this.attrPath(text, pos);
    if (this.peek().t !== "[") return this.comparison(path, text);
    if (inValuePath) this.fail(this.peek().pos, `a [ ] filter can't be nested inside another [ ] filter`);
    const inner = this.bracketFilter(path, text, pos);
    const after = this.peek();
    if (after.t !== "word" || !after.text.startsWith(".")) return { kind: "valuePath", path, filter: inner };
    // Microsoft Entra matches users with `emails[type eq "work"].value eq "x"`, which RFC 7644's filter grammar
    // lacks: it means "an element with type work whose value is x", i.e. emails[type eq "work" and value eq "x"].
    this.i++;
    const sub = this.subAttr(after.text, after.pos);
    return { kind: "valuePath", path, filter: { kind: "and", left: inner, right: this.comparison({ attr: sub }, `${text}[...]${after.text}`) } };
  }

  private bracketFilter(path: AttrPath, text: string, pos: number): FilterNode {
    const open = this.next();
    if (path.sub) this.fail(pos, `"${clip(text)}" names a sub-attribute; a [ ] filter must follow a multi-valued attribute such as "emails"`);
    this.enter(open.pos);
    const inner = this.parseOr(true);
    const close = this.next();
    if (close.t !== "]") this.fail(close.pos, `expected "and", "or" or "]", found ${this.describe(close)}`);
    this.depth--;
    return inner;
  }

  private comparison(path: AttrPath, pathText: string): FilterNode {
    if (++this.comparisons > MAX_FILTER_COMPARISONS) this.fail(this.peek().pos, `the ${this.mode.noun} has more than ${MAX_FILTER_COMPARISONS} comparisons`);
    const tok = this.next();
    if (tok.t !== "word" || !isOperator(tok.text))
      this.fail(tok.pos, `expected a comparison operator (${OPS_LIST}) after "${clip(pathText)}", found ${this.describe(tok)}`);
    const op = tok.text.toLowerCase();
    if (op === "pr") return { kind: "present", path };
    const valuePos = this.peek().pos;
    const value = this.value(op);
    // co/sw/ew run unindexed over every row, at a cost that grows with the value's length (issue 12).
    if ((op === "co" || op === "sw" || op === "ew") && typeof value === "string" && value.length > MAX_SUBSTRING_LENGTH) {
      this.fail(valuePos, `a "${op}" value may be at most ${MAX_SUBSTRING_LENGTH} characters long`);
    }
    return { kind: "compare", path, op: op as CompareOp, value };
  }

  /** RFC 7644 §3.4.2.2: compValue = false / null / true / number / string (JSON). */
  private value(op: string): FilterValue {
    const tok = this.next();
    if (tok.t === "string") return tok.value;
    if (tok.t !== "word") this.fail(tok.pos, `expected a value after "${op}", found ${this.describe(tok)}`);
    const lower = tok.text.toLowerCase();
    // Literals are matched in any case because Entra capitalises booleans elsewhere ("True").
    if (lower === "true") return true;
    if (lower === "false") return false;
    if (lower === "null") return null;
    if (JSON_NUMBER_RE.test(tok.text)) {
      const n = Number(tok.text);
      if (!Number.isFinite(n)) this.fail(tok.pos, `the number ${clip(tok.text)} is out of range`);
      return n;
    }
    if (lower === "and" || lower === "or" || lower === "not") this.fail(tok.pos, `expected a value after "${op}", found ${this.describe(tok)}`);
    if (tok.text.startsWith("'")) this.fail(tok.pos, `string values must be in double quotes, found ${this.describe(tok)}`);
    // Microsoft Entra sends values unquoted (`externalId eq jyoung`, `id eq 54D382A4-...`); the RFC grammar
    // doesn't allow that, but refusing it breaks Entra's matching queries, so an unquoted token is a string.
    return tok.text;
  }

  private attrPath(text: string, pos: number): AttrPath {
    let uri: string | undefined;
    let rest = text;
    // RFC 7644 §3.10: a fully qualified name is the schema URN, ":", then the attribute. Attribute names never
    // contain ":", so the URN ends at the last one.
    if (/^urn:/i.test(text)) {
      const colon = text.lastIndexOf(":");
      uri = text.slice(0, colon);
      rest = text.slice(colon + 1);
      if (!URN_RE.test(uri)) this.fail(pos, `"${clip(text)}" does not start with a valid schema URN`);
    } else if (text.includes(":")) {
      this.fail(pos, `"${clip(text)}" is not a valid attribute path: only a schema URN prefix (urn:...) may contain ":"`);
    }
    const m = ATTR_PATH_RE.exec(rest);
    if (!m) this.fail(pos, `"${clip(text)}" is not a valid attribute path`);
    const attr = m[1] as string;
    const sub = m[2];
    return { ...(uri !== undefined && { uri }), attr, ...(sub !== undefined && { sub }) };
  }

  private subAttr(text: string, pos: number): string {
    const m = SUB_ATTR_RE.exec(text);
    if (!m) this.fail(pos, `expected "." and a sub-attribute name after "]", found ${this.describe({ t: "word", text, pos })}`);
    return m[1] as string;
  }

  private enter(pos: number): void {
    if (++this.depth > MAX_FILTER_DEPTH) this.fail(pos, `the ${this.mode.noun} is nested more than ${MAX_FILTER_DEPTH} levels deep`);
  }

  private peek(): Token {
    return this.tokens[this.i] as Token;
  }

  private next(): Token {
    const tok = this.peek();
    if (tok.t !== "end") this.i++;
    return tok;
  }

  private peekKeyword(kw: "and" | "or"): boolean {
    const tok = this.peek();
    return tok.t === "word" && tok.text.toLowerCase() === kw;
  }

  private lex(input: string): Token[] {
    const tokens: Token[] = [];
    let i = 0;
    while (i < input.length) {
      const ch = input[i] as string;
      if (/\s/.test(ch)) {
        i++;
      } else if (ch === "(" || ch === ")" || ch === "[" || ch === "]") {
        tokens.push({ t: ch, pos: i });
        i++;
      } else if (ch === '"') {
        let j = i + 1;
        while (j < input.length && input[j] !== '"') j += input[j] === "\\" ? 2 : 1;
        if (j >= input.length) this.fail(i, "the string starting here has no closing quote");
        const raw = input.slice(i, j + 1);
        let value: unknown;
        try {
          value = JSON.parse(raw);
        } catch {
          this.fail(i, `invalid string ${clip(raw)}: use JSON escapes (\\" \\\\ \\n \\uXXXX)`);
        }
        tokens.push({ t: "string", value: value as string, raw, pos: i });
        i = j + 1;
      } else {
        let j = i;
        while (j < input.length && !/[\s()[\]"]/.test(input[j] as string)) j++;
        tokens.push({ t: "word", text: input.slice(i, j), pos: i });
        i = j;
      }
    }
    tokens.push({ t: "end", pos: input.length });
    return tokens;
  }

  private describe(tok: Token): string {
    switch (tok.t) {
      case "end": return `the end of the ${this.mode.noun}`;
      case "word": return `"${clip(tok.text)}"`;
      case "string": return clip(tok.raw);
      default: return `"${tok.t}"`;
    }
  }

  private fail(pos: number, message: string): never {
    throw new ScimError(400, this.mode.scimType, `Invalid ${this.mode.noun} at position ${pos + 1}: ${message}`);
  }
}

function isOperator(text: string): boolean {
  const lower = text.toLowerCase();
  return lower === "pr" || COMPARE_OPS.has(lower);
}


/** Error details echo user input; keep them short so a 10,000-character filter doesn't come back whole. */
function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
