import { describe, expect, it } from "vitest";
import { ScimError } from "./errors";
import { MAX_FILTER_COMPARISONS, MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, MAX_SUBSTRING_LENGTH, parseFilter, parsePatchPath } from "./filter";
import type { AttrPath, CompareOp, FilterNode, FilterValue, PatchPath } from "./filter-ast";

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

const p = (attr: string, sub?: string, uri?: string): AttrPath => ({ ...(uri && { uri }), attr, ...(sub && { sub }) });
const cmp = (path: AttrPath | string, op: CompareOp, value: FilterValue): FilterNode => ({ kind: "compare", path: typeof path === "string" ? p(path) : path, op, value });
const pr = (path: AttrPath | string): FilterNode => ({ kind: "present", path: typeof path === "string" ? p(path) : path });
const and = (left: FilterNode, right: FilterNode): FilterNode => ({ kind: "and", left, right });
const or = (left: FilterNode, right: FilterNode): FilterNode => ({ kind: "or", left, right });
const not = (filter: FilterNode): FilterNode => ({ kind: "not", filter });
const vp = (attr: string, filter: FilterNode, uri?: string): FilterNode => ({ kind: "valuePath", path: p(attr, undefined, uri), filter });

function scimErrorOf(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScimError) return err;
    throw err;
  }
  throw new Error("expected a ScimError");
}

describe("parseFilter", () => {
  it.each<[string, string, FilterNode]>([
    // RFC 7644 §3.4.2.2, the RFC's own examples
    ["RFC eq", 'userName eq "bjensen"', cmp("userName", "eq", "bjensen")],
    ["RFC co with apostrophe", `name.familyName co "O'Malley"`, cmp(p("name", "familyName"), "co", "O'Malley")],
    ["RFC sw", 'userName sw "J"', cmp("userName", "sw", "J")],
    ["RFC core-URN-qualified", 'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"', cmp(p("userName", undefined, "urn:ietf:params:scim:schemas:core:2.0:User"), "sw", "J")],
    ["RFC pr", "title pr", pr("title")],
    ["RFC gt dateTime", 'meta.lastModified gt "2011-05-13T04:42:34Z"', cmp(p("meta", "lastModified"), "gt", "2011-05-13T04:42:34Z")],
    ["RFC ge", 'meta.lastModified ge "2011-05-13T04:42:34Z"', cmp(p("meta", "lastModified"), "ge", "2011-05-13T04:42:34Z")],
    ["RFC lt", 'meta.lastModified lt "2011-05-13T04:42:34Z"', cmp(p("meta", "lastModified"), "lt", "2011-05-13T04:42:34Z")],
    ["RFC le", 'meta.lastModified le "2011-05-13T04:42:34Z"', cmp(p("meta", "lastModified"), "le", "2011-05-13T04:42:34Z")],
    ["RFC ew", 'userName ew "@example.com"', cmp("userName", "ew", "@example.com")],
    ["RFC ne", 'userType ne "Employee"', cmp("userType", "ne", "Employee")],
    ["RFC pr and eq", 'title pr and userType eq "Employee"', and(pr("title"), cmp("userType", "eq", "Employee"))],
    ["RFC pr or eq", 'title pr or userType eq "Intern"', or(pr("title"), cmp("userType", "eq", "Intern"))],
    ["RFC schemas eq URN value", `schemas eq "${ENTERPRISE}"`, cmp("schemas", "eq", ENTERPRISE)],
    [
      "RFC and (co or co)",
      'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
      and(cmp("userType", "eq", "Employee"), or(cmp("emails", "co", "example.com"), cmp(p("emails", "value"), "co", "example.org"))),
    ],
    [
      "RFC ne and not (...)",
      'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
      and(cmp("userType", "ne", "Employee"), not(or(cmp("emails", "co", "example.com"), cmp(p("emails", "value"), "co", "example.org")))),
    ],
    ["RFC parenthesised sub-attribute", 'userType eq "Employee" and (emails.type eq "work")', and(cmp("userType", "eq", "Employee"), cmp(p("emails", "type"), "eq", "work"))],
    [
      "RFC complex attribute filter",
      'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
      and(cmp("userType", "eq", "Employee"), vp("emails", and(cmp("type", "eq", "work"), cmp("value", "co", "@example.com")))),
    ],
    [
      "RFC two complex attribute filters",
      'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
      or(vp("emails", and(cmp("type", "eq", "work"), cmp("value", "co", "@example.com"))), vp("ims", and(cmp("type", "eq", "xmpp"), cmp("value", "co", "@foo.com")))),
    ],

    // Precedence and grouping (RFC 7644 §3.4.2.2: and binds tighter than or)
    ["and binds tighter (or first)", "a eq 1 or b eq 2 and c eq 3", or(cmp("a", "eq", 1), and(cmp("b", "eq", 2), cmp("c", "eq", 3)))],
    ["and binds tighter (and first)", "a eq 1 and b eq 2 or c eq 3", or(and(cmp("a", "eq", 1), cmp("b", "eq", 2)), cmp("c", "eq", 3))],
    ["and is left-associative", "a eq 1 and b eq 2 and c eq 3", and(and(cmp("a", "eq", 1), cmp("b", "eq", 2)), cmp("c", "eq", 3))],
    ["or is left-associative", 'userName eq "x" or userName eq "y" or userName eq "z"', or(or(cmp("userName", "eq", "x"), cmp("userName", "eq", "y")), cmp("userName", "eq", "z"))],
    ["parentheses override precedence", "(a eq 1 or b eq 2) and c eq 3", and(or(cmp("a", "eq", 1), cmp("b", "eq", 2)), cmp("c", "eq", 3))],
    ["redundant parentheses", '(((userName eq "x")))', cmp("userName", "eq", "x")],
    ["not", "not (a eq 1)", not(cmp("a", "eq", 1))],
    ["not without a space", 'not(userName eq "x")', not(cmp("userName", "eq", "x"))],
    ["not of and", "not (a pr and b pr)", not(and(pr("a"), pr("b")))],

    // Case: RFC 7644 §3.4.2.2 says attribute names and operators are case-insensitive
    ["upper-case operator", 'userName EQ "x"', cmp("userName", "eq", "x")],
    ["mixed-case operator and keyword", 'userName Eq "x" AND active Eq true', and(cmp("userName", "eq", "x"), cmp("active", "eq", true))],
    ["upper-case OR and NOT", "NOT (a PR) OR b PR", or(not(pr("a")), pr("b"))],
    ["attribute case is preserved", 'USERNAME eq "x"', cmp("USERNAME", "eq", "x")],
    ["upper-case URN prefix", 'URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER:userName eq "x"', cmp(p("userName", undefined, "URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER"), "eq", "x")],

    // Values: JSON literals
    ["true", "active eq true", cmp("active", "eq", true)],
    ["false", "active eq false", cmp("active", "eq", false)],
    ["null", "title eq null", cmp("title", "eq", null)],
    ["capitalised True", "active eq True", cmp("active", "eq", true)],
    ["integer", "age gt 42", cmp("age", "gt", 42)],
    ["negative decimal", "score le -1.5", cmp("score", "le", -1.5)],
    ["exponent", "score lt 1e3", cmp("score", "lt", 1000)],
    ["escaped quote and backslash", String.raw`displayName eq "say \"hi\" \\o/"`, cmp("displayName", "eq", 'say "hi" \\o/')],
    ["unicode escape", String.raw`displayName eq "Ren\u00e9e"`, cmp("displayName", "eq", "Renée")],
    ["empty string", 'nickName eq ""', cmp("nickName", "eq", "")],
    ["string with spaces and brackets", 'displayName eq "O\'Neil [Ops] (EU) and or"', cmp("displayName", "eq", "O'Neil [Ops] (EU) and or")],
    ["quoted number stays a string", 'externalId eq "12345"', cmp("externalId", "eq", "12345")],

    // Paths
    ["sub-attribute on a multi-valued attribute stays a plain compare", 'emails.value eq "x"', cmp(p("emails", "value"), "eq", "x")],
    ["meta.resourceType", 'meta.resourceType eq "User"', cmp(p("meta", "resourceType"), "eq", "User")],
    ["hyphen and underscore in a name", 'x-custom_1 eq "v"', cmp("x-custom_1", "eq", "v")],
    ["$ref sub-attribute", "members.$ref pr", pr(p("members", "$ref"))],
    ["enterprise extension attribute", `${ENTERPRISE}:department eq "Tour Operations"`, cmp(p("department", undefined, ENTERPRISE), "eq", "Tour Operations")],
    ["enterprise manager.value", `${ENTERPRISE}:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d"`, cmp(p("manager", "value", ENTERPRISE), "eq", "26118915-6090-4610-87e4-49d8ca9f808d")],
    ["complex filter on a URN-qualified attribute", `${ENTERPRISE}:manager[value eq "m1"]`, vp("manager", cmp("value", "eq", "m1"), ENTERPRISE)],
    ["members value filter", 'members[value eq "2819c223"]', vp("members", cmp("value", "eq", "2819c223"))],
    ["not inside [ ]", 'emails[not (type eq "work")]', vp("emails", not(cmp("type", "eq", "work")))],
    [
      "or and parentheses inside [ ]",
      'emails[type eq "work" or (type eq "home" and primary eq true)]',
      vp("emails", or(cmp("type", "eq", "work"), and(cmp("type", "eq", "home"), cmp("primary", "eq", true)))),
    ],
    ["[ ].sub pr is rewritten too", 'emails[type eq "work"].value pr', vp("emails", and(cmp("type", "eq", "work"), pr("value")))],
    ["tabs and repeated spaces", '\t userName   eq\t"x"  and  title  pr ', and(cmp("userName", "eq", "x"), pr("title"))],
    ["nesting at the limit", `${"(".repeat(MAX_FILTER_DEPTH)}a pr${")".repeat(MAX_FILTER_DEPTH)}`, pr("a")],

    // Microsoft Entra ID (idp-payloads.md §1.2 and §1.8)
    ["Entra matching userName", 'userName eq "user@contoso.com"', cmp("userName", "eq", "user@contoso.com")],
    ["Entra Test Connection random GUID", 'userName eq "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee"', cmp("userName", "eq", "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee")],
    ["Entra zero results", 'userName eq "non-existent user"', cmp("userName", "eq", "non-existent user")],
    ["Entra unquoted externalId", "externalId eq jyoung", cmp("externalId", "eq", "jyoung")],
    [
      "Entra unquoted id and manager",
      "id eq 54D382A4-2050-4C03-94D1-E769F1D15682 and manager eq 2819c223-7f76-453a-919d-413861904646",
      and(cmp("id", "eq", "54D382A4-2050-4C03-94D1-E769F1D15682"), cmp("manager", "eq", "2819c223-7f76-453a-919d-413861904646")),
    ],
    ["Entra unquoted numeric externalId is a number", "externalId eq 12345", cmp("externalId", "eq", 12345)],
    ["Entra unquoted leading-zero id stays a string", "externalId eq 007", cmp("externalId", "eq", "007")],
    [
      "Entra emails[type eq \"work\"].value eq matching query",
      'emails[type eq "work"].value eq "user@contoso.com"',
      vp("emails", and(cmp("type", "eq", "work"), cmp("value", "eq", "user@contoso.com"))),
    ],
    [
      "Entra SCIM Validator emails[type eq work].value",
      "emails[type eq work].value eq dale.mohr@romaguera.uk",
      vp("emails", and(cmp("type", "eq", "work"), cmp("value", "eq", "dale.mohr@romaguera.uk"))),
    ],
    ["Entra group by displayName", 'displayName eq "displayName"', cmp("displayName", "eq", "displayName")],

    // Okta (idp-payloads.md §2 and okta-scim-2.0-spec-test.json)
    ["Okta userName eq", 'userName eq "test.user@okta.local"', cmp("userName", "eq", "test.user@okta.local")],
    ["Okta spec test unknown user", 'userName eq "abcdefgh@atko.com"', cmp("userName", "eq", "abcdefgh@atko.com")],
    ["Okta spec test upper-case userName", 'userName eq "ABCDEFGH@ATKO.COM"', cmp("userName", "eq", "ABCDEFGH@ATKO.COM")],
    ["Okta group push displayName", 'displayName eq "Test SCIMv2"', cmp("displayName", "eq", "Test SCIMv2")],

    // Microsoft's Postman collection (microsoft-scim-postman-collection.json), query strings decoded
    ["Microsoft Postman Get User Filters", 'DisplayName eq "BobIsAmazing"', cmp("DisplayName", "eq", "BobIsAmazing")],
    [
      "Microsoft Postman filter eq and (val or val)",
      "name.FamilyName eq Employee and (emails.Value co example.com or emails.Value co example.org)",
      and(cmp(p("name", "FamilyName"), "eq", "Employee"), or(cmp(p("emails", "Value"), "co", "example.com"), cmp(p("emails", "Value"), "co", "example.org"))),
    ],
    ["Microsoft Postman filter starts with", "userName sw O", cmp("userName", "sw", "O")],
    ["Microsoft Postman filter greater than", "meta.Created gt 2015-10-10T14:38:21.8617979-07:00", cmp(p("meta", "Created"), "gt", "2015-10-10T14:38:21.8617979-07:00")],
  ])("%s", (_name, filter, expected) => {
    expect(parseFilter(filter)).toEqual(expected);
  });

  it.each<[string, string, number | undefined, string]>([
    ["empty", "", 1, "the filter is empty"],
    ["only whitespace", "   ", 1, "the filter is empty"],
    ["unknown operator", 'userName equals "x"', 10, 'expected a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le or pr) after "userName", found "equals"'],
    ["missing operator", "userName", 9, 'after "userName", found the end of the filter'],
    ["missing value", "userName eq", 12, 'expected a value after "eq", found the end of the filter'],
    ["value is a keyword", 'userName eq and title pr', 13, 'expected a value after "eq", found "and"'],
    ["value is a parenthesis", "userName eq )", 13, 'expected a value after "eq", found ")"'],
    ["unterminated string", 'userName eq "abc', 13, "has no closing quote"],
    ["invalid escape", String.raw`userName eq "a\qb"`, 13, "invalid string"],
    ["single-quoted value", "userName eq 'x'", 13, "string values must be in double quotes"],
    ["number out of range", "age gt 1e999", 8, "out of range"],
    ["unclosed parenthesis", '(userName eq "x"', 17, 'expected "and", "or" or ")", found the end of the filter'],
    ["extra closing parenthesis", 'userName eq "x")', 16, 'expected "and", "or" or the end of the filter, found ")"'],
    ["empty parentheses", "()", 2, 'expected an attribute name, "not" or "(", found ")"'],
    ["dangling and", 'userName eq "x" and', 20, "expected an attribute name"],
    ["double or", 'userName eq "x" or or title pr', 20, 'expected an attribute name, "not" or "(", found "or"'],
    ["leading and", 'and userName eq "x"', 1, 'expected an attribute name, "not" or "(", found "and"'],
    ["two expressions without a keyword", 'userName eq "x" title pr', 17, 'found "title"'],
    ["value after pr", 'title pr "x"', 10, 'expected "and", "or" or the end of the filter, found "x"'],
    ["not without parentheses", 'not userName eq "x"', 5, 'expected "(" after "not", found "userName"'],
    ["unclosed [", 'emails[type eq "work"', 22, 'expected "and", "or" or "]"'],
    ["empty [ ]", "emails[]", 8, 'found "]"'],
    ["nested [ ]", 'emails[type[value eq "x"] eq "y"]', 12, "can't be nested"],
    ["[ ] after a sub-attribute", 'name.givenName[type eq "x"]', 1, "names a sub-attribute"],
    ["[ ].sub without an operator", 'emails[type eq "work"].value', 29, 'after "emails[...].value", found the end of the filter'],
    ["garbage after [ ]", 'emails[type eq "work"]x', 23, 'found "x"'],
    ["three-part path", 'name.givenName.first eq "x"', 1, '"name.givenName.first" is not a valid attribute path'],
    ["name starting with a digit", '1userName eq "x"', 1, "is not a valid attribute path"],
    ["leading dot", '.value eq "x"', 1, "is not a valid attribute path"],
    ["colon without a URN", 'a:b eq "x"', 1, 'only a schema URN prefix (urn:...) may contain ":"'],
    ["URN without a namespace string", 'urn:x eq "y"', 1, "does not start with a valid schema URN"],
    ["URN with nothing after the last colon", 'urn:ietf:params:scim:schemas:core:2.0:User: eq "y"', 1, "is not a valid attribute path"],
    ["too deep", `${"(".repeat(MAX_FILTER_DEPTH + 1)}a pr${")".repeat(MAX_FILTER_DEPTH + 1)}`, MAX_FILTER_DEPTH + 1, `nested more than ${MAX_FILTER_DEPTH} levels`],
    ["too deep with not", `${"not (".repeat(600)}a pr${")".repeat(600)}`, undefined, `nested more than ${MAX_FILTER_DEPTH} levels`],
    ["too long", `userName eq "${"x".repeat(MAX_FILTER_LENGTH)}"`, 1, `longer than ${MAX_FILTER_LENGTH} characters`],
  ])("rejects %s", (_name, filter, position, detail) => {
    const err = scimErrorOf(() => parseFilter(filter));
    expect(err.status).toBe(400);
    expect(err.scimType).toBe("invalidFilter");
    expect(err.message).toContain(detail);
    if (position !== undefined) expect(err.message).toMatch(new RegExp(`^Invalid filter at position ${position}: `));
  });

  it("rejects a non-string with a ScimError", () => {
    expect(scimErrorOf(() => parseFilter(["a", "b"] as unknown as string)).scimType).toBe("invalidFilter");
  });

  it("clips long input echoed in the detail", () => {
    const err = scimErrorOf(() => parseFilter(`userName ${"q".repeat(500)} "x"`));
    expect(err.message.length).toBeLessThan(200);
  });

  it("parses a long and-chain without recursing per term", () => {
    const filter = Array.from({ length: MAX_FILTER_COMPARISONS }, (_, i) => `a eq ${i}`).join(" and ");
    expect(filter.length).toBeLessThanOrEqual(MAX_FILTER_LENGTH);
    expect(parseFilter(filter).kind).toBe("and");
  });

  // Issue 12, item 7: a filter's cost grows with its comparisons; identity providers send one or two.
  it("refuses more comparisons than MAX_FILTER_COMPARISONS", () => {
    const filter = Array.from({ length: MAX_FILTER_COMPARISONS + 1 }, (_, i) => `userName eq "u${i}"`).join(" or ");
    const err = scimErrorOf(() => parseFilter(filter));
    expect([err.status, err.scimType]).toEqual([400, "invalidFilter"]);
    expect(err.message).toMatch(`more than ${MAX_FILTER_COMPARISONS} comparisons`);
  });

  it.each(["co", "sw", "ew"])("refuses a %s value longer than MAX_SUBSTRING_LENGTH, and takes one that long", (op) => {
    expect(parseFilter(`displayName ${op} "${"x".repeat(MAX_SUBSTRING_LENGTH)}"`).kind).toBe("compare");
    const err = scimErrorOf(() => parseFilter(`displayName ${op} "${"x".repeat(MAX_SUBSTRING_LENGTH + 1)}"`));
    expect([err.status, err.scimType, err.message]).toEqual([400, "invalidFilter", `Invalid filter at position 16: a "${op}" value may be at most ${MAX_SUBSTRING_LENGTH} characters long`]);
  });

  it("refuses a 10,000-character co filter", () => {
    expect(scimErrorOf(() => parseFilter(`displayName co "${"x".repeat(10_000)}"`)).message).toMatch(/longer than 4096 characters/);
  });

  it("never throws anything but a ScimError on random input", () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pieces = ["a", "emails", ".", "value", " ", "eq", "pr", "and", "or", "not", "(", ")", "[", "]", '"', "\\", "urn:x:y:", ":", "1", "true", "é", "\u0000"];
    for (let n = 0; n < 3000; n++) {
      const input = Array.from({ length: 1 + Math.floor(rand() * 12) }, () => pieces[Math.floor(rand() * pieces.length)]).join("");
      try {
        parseFilter(input);
      } catch (err) {
        expect(err, input).toBeInstanceOf(ScimError);
      }
    }
  });
});

describe("parsePatchPath", () => {
  it.each<[string, string, PatchPath]>([
    ["simple attribute", "userName", { path: p("userName") }],
    ["Entra capitalised simple attribute", "Active", { path: p("Active") }],
    ["sub-attribute", "name.familyName", { path: p("name", "familyName") }],
    ["Entra members value filter", 'members[value eq "7f4bc1a3-285e-48ae-8202-5accb43efb0e"]', { path: p("members"), valueFilter: cmp("value", "eq", "7f4bc1a3-285e-48ae-8202-5accb43efb0e") }],
    ["Okta members value filter", 'members[value eq "89bb1940-b905-4575-9e7f-6f887cfb368e"]', { path: p("members"), valueFilter: cmp("value", "eq", "89bb1940-b905-4575-9e7f-6f887cfb368e") }],
    ["Entra emails[type eq \"work\"].value", 'emails[type eq "work"].value', { path: p("emails"), valueFilter: cmp("type", "eq", "work"), subAttr: "value" }],
    ["Entra SCIM Validator emails[type eq work].value", "emails[type eq work].value", { path: p("emails"), valueFilter: cmp("type", "eq", "work"), subAttr: "value" }],
    ["addresses sub-attribute after a filter", 'addresses[type eq "work"].streetAddress', { path: p("addresses"), valueFilter: cmp("type", "eq", "work"), subAttr: "streetAddress" }],
    ["Entra enterprise manager", `${ENTERPRISE}:manager`, { path: p("manager", undefined, ENTERPRISE) }],
    ["enterprise manager.value", `${ENTERPRISE}:manager.value`, { path: p("manager", "value", ENTERPRISE) }],
    ["Entra enterprise employeeNumber", `${ENTERPRISE}:employeeNumber`, { path: p("employeeNumber", undefined, ENTERPRISE) }],
    ["core URN qualified", "urn:ietf:params:scim:schemas:core:2.0:User:name.givenName", { path: p("name", "givenName", "urn:ietf:params:scim:schemas:core:2.0:User") }],
    ["compound value filter", 'emails[type eq "work" and primary eq true].value', { path: p("emails"), valueFilter: and(cmp("type", "eq", "work"), cmp("primary", "eq", true)), subAttr: "value" }],
    ["surrounding whitespace", "  displayName ", { path: p("displayName") }],
  ])("%s", (_name, path, expected) => {
    expect(parsePatchPath(path)).toEqual(expected);
  });

  it.each<[string, string, string]>([
    ["empty", "", "the path is empty"],
    ["a filter expression", 'userName eq "x"', 'expected the end of the path, found "eq"'],
    ["sub-attribute without a dot", 'emails[type eq "work"]value', 'expected "." and a sub-attribute name after "]", found "value"'],
    ["unclosed [", 'members[value eq "x"', 'expected "and", "or" or "]"'],
    ["bad filter inside [ ]", 'members[value equals "x"]', 'found "equals"'],
    ["three-part path", "name.givenName.first", "is not a valid attribute path"],
    ["starts with [", '[value eq "x"]', "expected an attribute path"],
    ["[ ] after a sub-attribute", 'name.givenName[type eq "x"]', "names a sub-attribute"],
    ["two sub-attributes after [ ]", 'emails[type eq "work"].value.x', 'found ".value.x"'],
    ["colon without a URN", "enterprise:manager", "may contain"],
  ])("rejects %s", (_name, path, detail) => {
    const err = scimErrorOf(() => parsePatchPath(path));
    expect(err.status).toBe(400);
    expect(err.scimType).toBe("invalidPath");
    expect(err.message).toMatch(/^Invalid path at position \d+: /);
    expect(err.message).toContain(detail);
  });
});
