import { describe, expect, it } from "vitest";
import { ScimError } from "@/lib/scim/errors";
import { parseFilter } from "@/lib/scim/filter";
import type { FilterNode } from "@/lib/scim/filter-ast";
import { filterToSql, sortToSql, type SqlMapping } from "./filter-to-sql";

// Pure: checks the generated SQL text and bound parameters. The Postgres-backed behaviour is tested separately.

const ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user";
const ENT_KEY = `'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'`;

const userMapping: SqlMapping = {
  columns: {
    id: { sql: `u."id"`, type: "string", caseExact: true },
    externalid: { sql: `u."externalId"`, type: "string", caseExact: true },
    username: { sql: `u."userName"`, type: "string", caseExact: false },
    active: { sql: `u."active"`, type: "boolean", caseExact: false },
    "meta.created": { sql: `u."createdAt"`, type: "dateTime", caseExact: false },
    "meta.lastmodified": { sql: `u."updatedAt"`, type: "dateTime", caseExact: false },
    "meta.version": { sql: `u."version"`, type: "number", caseExact: false },
    [`${ENT}:employeenumber`]: { sql: `u."employeeNumber"`, type: "string", caseExact: false },
  },
  multiValued: { emails: { source: { kind: "jsonb", sql: `u."attributes"->'emails'` } } },
  json: `u."attributes"`,
  extensionUrns: [ENT],
  coreUrn: "urn:ietf:params:scim:schemas:core:2.0:user",
  caseExactPaths: ["nickname"],
};

const groupMapping: SqlMapping = {
  columns: {
    id: { sql: `g."id"`, type: "string", caseExact: true },
    displayname: { sql: `g."displayName"`, type: "string", caseExact: false },
  },
  multiValued: {
    members: {
      source: {
        kind: "table",
        from: `"ScimGroupMember" m`,
        where: `m."groupId" = g."id" AND m."directoryId" = g."directoryId"`,
        subColumns: { value: { sql: `m."userId"`, type: "string", caseExact: false } },
      },
      caseExactSubs: ["value"],
    },
  },
  json: `g."attributes"`,
  extensionUrns: [],
  coreUrn: "urn:ietf:params:scim:schemas:core:2.0:group",
};

const EMAILS = `jsonb_array_elements(CASE WHEN jsonb_typeof(u."attributes"->'emails') = 'array' THEN u."attributes"->'emails' ELSE '[]'::jsonb END) AS e(v)`;
const MEMBERS = `"ScimGroupMember" m WHERE (m."groupId" = g."id" AND m."directoryId" = g."directoryId")`;
const jsonPresent = (json: string) => `COALESCE(${json} NOT IN ('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb), false)`;
const lone = (src: string) => `jsonb_array_elements(CASE jsonb_typeof(${src}) WHEN 'array' THEN ${src} WHEN 'object' THEN jsonb_build_array(${src}) ELSE '[]'::jsonb END) AS e(v)`;

/** Parameters start after the caller's own ($1 is the directory id in the real query). */
function translate(filter: string | FilterNode, mapping = userMapping): { sql: string; params: unknown[] } {
  const params: unknown[] = ["dir_1"];
  const sql = filterToSql(typeof filter === "string" ? parseFilter(filter) : filter, mapping, params);
  return { sql, params: params.slice(1) };
}

function scimErrorOf(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScimError) return err;
    throw err;
  }
  throw new Error("expected a ScimError");
}

describe("filterToSql", () => {
  it.each<[string, string, string, unknown[]]>([
    // Strings, case-insensitive (RFC 7643 userName caseExact=false)
    ["eq", 'userName eq "Bob"', `lower(u."userName") = lower($2)`, ["Bob"]],
    ["ne matches an absent value", 'userName ne "Bob"', `lower(u."userName") IS DISTINCT FROM lower($2)`, ["Bob"]],
    ["co escapes LIKE wildcards", String.raw`userName co "50%_a\\b"`, String.raw`lower(u."userName") LIKE lower($2) ESCAPE '\'`, [String.raw`%50\%\_a\\b%`]],
    ["sw", 'userName sw "J"', String.raw`lower(u."userName") LIKE lower($2) ESCAPE '\'`, ["J%"]],
    ["ew", 'userName ew "@x.com"', String.raw`lower(u."userName") LIKE lower($2) ESCAPE '\'`, ["%@x.com"]],
    ["gt on a string is lexicographical", 'userName gt "m"', `lower(u."userName") COLLATE "C" > lower($2)`, ["m"]],
    ["ge", 'userName ge "m"', `lower(u."userName") COLLATE "C" >= lower($2)`, ["m"]],
    ["lt", 'userName lt "m"', `lower(u."userName") COLLATE "C" < lower($2)`, ["m"]],
    ["le", 'userName le "m"', `lower(u."userName") COLLATE "C" <= lower($2)`, ["m"]],
    ["attribute name in any case", 'USERNAME Eq "Bob"', `lower(u."userName") = lower($2)`, ["Bob"]],
    ["core-URN-qualified is unqualified", 'urn:ietf:params:scim:schemas:core:2.0:User:userName eq "x"', `lower(u."userName") = lower($2)`, ["x"]],
    ["Okta userName eq", 'userName eq "test.user@okta.local"', `lower(u."userName") = lower($2)`, ["test.user@okta.local"]],

    // Strings, caseExact (RFC 7643 id and externalId)
    ["caseExact eq", 'id eq "AbC"', `u."id" = $2`, ["AbC"]],
    ["caseExact ne", 'id ne "AbC"', `u."id" IS DISTINCT FROM $2`, ["AbC"]],
    ["caseExact sw", 'externalId sw "a_"', String.raw`u."externalId" LIKE $2 ESCAPE '\'`, [String.raw`a\_%`]],
    ["caseExact gt", 'externalId gt "a"', `u."externalId" COLLATE "C" > $2`, ["a"]],
    ["Entra unquoted externalId", "externalId eq jyoung", `u."externalId" = $2`, ["jyoung"]],
    ["Entra unquoted numeric externalId compares as text", "externalId eq 12345", `u."externalId" = $2`, ["12345"]],
    ["caseExact json path from caseExactPaths", 'nickName eq "Babs"', `u."attributes"->>'nickName' = $2`, ["Babs"]],

    // Booleans
    ["boolean column eq", "active eq true", `u."active" = $2`, [true]],
    ["boolean column ne", "active ne false", `u."active" IS DISTINCT FROM $2`, [false]],
    ["Entra string boolean", 'active eq "False"', `u."active" = $2`, [false]],
    ["boolean against a json string", "x-flag eq True", `lower(u."attributes"->>'x-flag') = $2`, ["true"]],
    ["boolean against a string column", "userName ne false", `lower(u."userName") IS DISTINCT FROM $2`, ["false"]],

    // dateTime: the parameter is cast, so the column index is usable
    ["Microsoft Postman filter greater than", "meta.Created gt 2015-10-10T14:38:21.8617979-07:00", `u."createdAt" > $2::timestamptz`, ["2015-10-10T14:38:21.8617979-07:00"]],
    ["dateTime eq", 'meta.lastModified eq "2011-05-13T04:42:34Z"', `u."updatedAt" = $2::timestamptz`, ["2011-05-13T04:42:34Z"]],
    ["dateTime ne", 'meta.lastModified ne "2011-05-13T04:42:34Z"', `u."updatedAt" IS DISTINCT FROM $2::timestamptz`, ["2011-05-13T04:42:34Z"]],
    ["dateTime le, date only", 'meta.created le "2024-02-29"', `u."createdAt" <= $2::timestamptz`, ["2024-02-29"]],

    // Numbers
    ["number column", "meta.version ge 3", `u."version" >= $2::numeric`, [3]],
    ["number column, quoted digits", 'meta.version eq "3"', `u."version" = $2::numeric`, [3]],
    ["number column, decimal", "meta.version lt 1.5", `u."version" < $2::numeric`, [1.5]],
    ["number against json", "x-level gt 5", `(CASE WHEN jsonb_typeof(u."attributes"->'x-level') = 'number' THEN (u."attributes"->'x-level')::numeric END) > $2::numeric`, [5]],

    // null and pr (RFC 7643 §2.5: null, unassigned and empty are the same)
    ["eq null on a column", "userName eq null", `NOT COALESCE(u."userName" <> '', false)`, []],
    ["ne null on a column", "active ne null", `u."active" IS NOT NULL`, []],
    ["pr on a string column", "userName pr", `COALESCE(u."userName" <> '', false)`, []],
    ["pr on a dateTime column", "meta.created pr", `u."createdAt" IS NOT NULL`, []],
    ["pr on json", "title pr", jsonPresent(`u."attributes"->'title'`), []],
    ["pr on a json sub-attribute", "name.givenName pr", jsonPresent(`u."attributes"->'name'->'givenName'`), []],
    ["eq null on json", "title eq null", `NOT ${jsonPresent(`u."attributes"->'title'`)}`, []],

    // Unmapped attributes read json, with names in RFC 7643 case
    ["simple attribute from json", 'title eq "Tour Guide"', `lower(u."attributes"->>'title') = lower($2)`, ["Tour Guide"]],
    ["complex sub-attribute from json", 'name.FAMILYNAME eq "Jensen"', `lower(u."attributes"->'name'->>'familyName') = lower($2)`, ["Jensen"]],
    ["unknown attribute used as sent", 'x-Custom eq "v"', `lower(u."attributes"->>'x-Custom') = lower($2)`, ["v"]],
    ["prototype names are plain json keys", 'constructor eq "v"', `lower(u."attributes"->>'constructor') = lower($2)`, ["v"]],

    // Enterprise extension (RFC 7643 §4.3)
    ["extension attribute from json", `${ENT}:Department eq "Ops"`, `lower(u."attributes"->${ENT_KEY}->>'department') = lower($2)`, ["Ops"]],
    ["extension attribute mapped to a column", `${ENT}:employeeNumber eq "701984"`, `lower(u."employeeNumber") = lower($2)`, ["701984"]],
    ["extension manager.value", `${ENT}:manager.value eq "m1"`, `lower(u."attributes"->${ENT_KEY}->'manager'->>'value') = lower($2)`, ["m1"]],
    [
      "Entra unquoted id and manager",
      "id eq 54D382A4-2050-4C03-94D1-E769F1D15682 and manager eq 2819c223-7f76-453a-919d-413861904646",
      `(u."id" = $2 AND lower(u."attributes"->${ENT_KEY}->'manager'->>'value') = lower($3))`,
      ["54D382A4-2050-4C03-94D1-E769F1D15682", "2819c223-7f76-453a-919d-413861904646"],
    ],
    ["unqualified extension attribute", 'department eq "Ops"', `lower(u."attributes"->${ENT_KEY}->>'department') = lower($2)`, ["Ops"]],
    ["manager pr checks the whole object", "manager pr", jsonPresent(`u."attributes"->${ENT_KEY}->'manager'`), []],

    // Multi-valued from jsonb (RFC 7644 §3.4.2.2: any element)
    ["sub-attribute compare", 'emails.value eq "a@b.c"', `EXISTS (SELECT 1 FROM ${EMAILS} WHERE lower(e.v->>'value') = lower($2))`, ["a@b.c"]],
    ["no sub-attribute compares value", 'emails co "example.com"', `EXISTS (SELECT 1 FROM ${EMAILS} WHERE lower(e.v->>'value') LIKE lower($2) ESCAPE '\\')`, ["%example.com%"]],
    ["ne means no element equals", 'emails.value ne "a@b.c"', `NOT EXISTS (SELECT 1 FROM ${EMAILS} WHERE lower(e.v->>'value') = lower($2))`, ["a@b.c"]],
    ["pr means a non-empty element", "emails pr", `EXISTS (SELECT 1 FROM ${EMAILS} WHERE ${jsonPresent("e.v")})`, []],
    ["sub-attribute pr", "emails.type pr", `EXISTS (SELECT 1 FROM ${EMAILS} WHERE ${jsonPresent(`e.v->'type'`)})`, []],
    ["eq null", "emails eq null", `NOT EXISTS (SELECT 1 FROM ${EMAILS} WHERE ${jsonPresent(`e.v->'value'`)})`, []],
    [
      "value filter",
      'emails[type eq "work" and value co "@x"]',
      `EXISTS (SELECT 1 FROM ${EMAILS} WHERE (lower(e.v->>'type') = lower($2) AND lower(e.v->>'value') LIKE lower($3) ESCAPE '\\'))`,
      ["work", "%@x%"],
    ],
    [
      "Entra emails[type eq \"work\"].value eq",
      'emails[type eq "work"].value eq "user@contoso.com"',
      `EXISTS (SELECT 1 FROM ${EMAILS} WHERE (lower(e.v->>'type') = lower($2) AND lower(e.v->>'value') = lower($3)))`,
      ["work", "user@contoso.com"],
    ],
    ["boolean sub-attribute", "emails[primary eq true]", `EXISTS (SELECT 1 FROM ${EMAILS} WHERE lower(e.v->>'primary') = $2)`, ["true"]],
    ["ne inside [ ] is per element", 'emails[type ne "work"]', `EXISTS (SELECT 1 FROM ${EMAILS} WHERE lower(e.v->>'type') IS DISTINCT FROM lower($2))`, ["work"]],
    ["not inside [ ]", 'emails[not (type eq "work")]', `EXISTS (SELECT 1 FROM ${EMAILS} WHERE NOT COALESCE(lower(e.v->>'type') = lower($2), false))`, ["work"]],
    [
      "Microsoft Postman filter eq and (val or val)",
      "name.FamilyName eq Employee and (emails.Value co example.com or emails.Value co example.org)",
      `(lower(u."attributes"->'name'->>'familyName') = lower($2) AND (EXISTS (SELECT 1 FROM ${EMAILS} WHERE lower(e.v->>'value') LIKE lower($3) ESCAPE '\\') OR EXISTS (SELECT 1 FROM ${EMAILS} WHERE lower(e.v->>'value') LIKE lower($4) ESCAPE '\\')))`,
      ["Employee", "%example.com%", "%example.org%"],
    ],

    // Multi-valued and complex attributes that aren't mapped read json
    ["RFC 7643 multi-valued not in the mapping", 'roles.value eq "admin"', `EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(u."attributes"->'roles') = 'array' THEN u."attributes"->'roles' ELSE '[]'::jsonb END) AS e(v) WHERE lower(e.v->>'value') = lower($2))`, ["admin"]],
    ["[ ] on a complex single-valued attribute", 'name[givenName eq "Barbara"]', `EXISTS (SELECT 1 FROM ${lone(`u."attributes"->'name'`)} WHERE lower(e.v->>'givenName') = lower($2))`, ["Barbara"]],
    ["[ ] on an unknown attribute", 'x-tags[value eq "a"]', `EXISTS (SELECT 1 FROM ${lone(`u."attributes"->'x-tags'`)} WHERE lower(e.v->>'value') = lower($2))`, ["a"]],
    ["[ ] on an extension attribute", `${ENT}:manager[value eq "m1"]`, `EXISTS (SELECT 1 FROM ${lone(`u."attributes"->${ENT_KEY}->'manager'`)} WHERE lower(e.v->>'value') = lower($2))`, ["m1"]],

    // Logic
    ["and", 'userName eq "a" and active eq true', `(lower(u."userName") = lower($2) AND u."active" = $3)`, ["a", true]],
    ["or", 'userName eq "a" or userName eq "b"', `(lower(u."userName") = lower($2) OR lower(u."userName") = lower($3))`, ["a", "b"]],
    ["and inside or keeps precedence", "a pr or b pr and c pr", `(${jsonPresent(`u."attributes"->'a'`)} OR (${jsonPresent(`u."attributes"->'b'`)} AND ${jsonPresent(`u."attributes"->'c'`)}))`, []],
    ["chains are flattened", 'id eq "1" and id eq "2" and id eq "3"', `(u."id" = $2 AND u."id" = $3 AND u."id" = $4)`, ["1", "2", "3"]],
    ["not is NULL-safe", 'not (userName eq "x")', `NOT COALESCE(lower(u."userName") = lower($2), false)`, ["x"]],
  ])("%s", (_name, filter, sql, params) => {
    expect(translate(filter)).toEqual({ sql, params });
  });

  it.each<[string, string, string, unknown[]]>([
    ["members value filter", 'members[value eq "2819c223"]', `EXISTS (SELECT 1 FROM ${MEMBERS} AND m."userId" = $2)`, ["2819c223"]],
    ["members.value", 'members.value eq "u1"', `EXISTS (SELECT 1 FROM ${MEMBERS} AND m."userId" = $2)`, ["u1"]],
    ["members without sub-attribute compares value", 'members eq "u1"', `EXISTS (SELECT 1 FROM ${MEMBERS} AND m."userId" = $2)`, ["u1"]],
    ["members pr", "members pr", `EXISTS (SELECT 1 FROM ${MEMBERS})`, []],
    ["members ne", 'members.value ne "u1"', `NOT EXISTS (SELECT 1 FROM ${MEMBERS} AND m."userId" = $2)`, ["u1"]],
    ["caseExactSubs makes the sub exact", 'members[value sw "u"]', String.raw`EXISTS (SELECT 1 FROM ${MEMBERS} AND m."userId" LIKE $2 ESCAPE '\')`, ["u%"]],
    ["Entra group by displayName", 'displayName eq "displayName"', `lower(g."displayName") = lower($2)`, ["displayName"]],
    ["Okta group push displayName", 'displayName eq "Test SCIMv2"', `lower(g."displayName") = lower($2)`, ["Test SCIMv2"]],
  ])("groups: %s", (_name, filter, sql, params) => {
    expect(translate(filter, groupMapping)).toEqual({ sql, params });
  });

  it("appends parameters after the caller's and never puts values in the SQL", () => {
    const params: unknown[] = ["dir_1", "other"];
    const sql = filterToSql(parseFilter(`userName eq "x'); DROP TABLE u; --" or title co "$1"`), userMapping, params);
    expect(sql).toBe(`(lower(u."userName") = lower($3) OR lower(u."attributes"->>'title') LIKE lower($4) ESCAPE '\\')`);
    expect(params).toEqual(["dir_1", "other", "x'); DROP TABLE u; --", "%$1%"]);
  });

  it("translates a long and-chain without deep recursion", () => {
    // Built as an AST: the parser refuses more than MAX_FILTER_COMPARISONS (issue 12), but the translation must not
    // depend on that limit to stay off the stack.
    const filter = Array.from({ length: 700 }, (_, i): FilterNode => ({ kind: "compare", path: { attr: "a" }, op: "eq", value: i }))
      .reduce((left, right): FilterNode => ({ kind: "and", left, right }));
    const { sql, params } = translate(filter);
    expect(params).toHaveLength(700);
    expect(sql.startsWith("(lower(") && !sql.startsWith("((")).toBe(true);
  });

  it.each<[string, string | FilterNode, string, SqlMapping?]>([
    ["gt on a boolean", "active gt true", `"active" is a boolean; it supports only eq, ne and pr, not "gt"`],
    ["co on a boolean", 'active co "t"', "supports only eq, ne and pr"],
    ["a string that isn't a boolean", 'active eq "yes"', `compare it with true or false, not "yes"`],
    ["a number against a boolean", "active eq 1", "compare it with true or false"],
    ["an invalid date", 'meta.created gt "2015-13-10T00:00:00Z"', `"meta.created" is a dateTime; "2015-13-10T00:00:00Z" is not an xsd:dateTime`],
    ["February 30th", 'meta.created gt "2023-02-30"', "is not an xsd:dateTime"],
    ["not a date at all", "meta.lastModified lt yesterday", "is not an xsd:dateTime"],
    ["a number against a dateTime", "meta.created gt 5", "is not an xsd:dateTime"],
    ["co on a dateTime", 'meta.created co "2015"', `"meta.created" is a dateTime; use eq, ne, gt, ge, lt, le or pr, not "co"`],
    ["sw on a number", 'meta.version sw "1"', `"meta.version" is a number`],
    ["a word against a number", "meta.version eq latest", `"latest" is not a number`],
    ["gt null", "title gt null", `"gt" can't compare "title" with null`],
    ["co null on a multi-valued attribute", "emails co null", `"co" can't compare with null`],
    ["gt with a boolean on a string", "userName gt true", `"gt" can't compare "userName" with a boolean`],
    ["an unknown schema URN", 'urn:example:custom:2.0:User:badge eq "1"', `"urn:example:custom:2.0:User:badge" uses an unknown schema URN`],
    ["another resource's core URN", 'urn:ietf:params:scim:schemas:core:2.0:Group:displayName eq "x"', "uses an unknown schema URN"],
    ["a sub-attribute with no column on a table source", 'members[display eq "x"]', `the sub-attribute "display" can't be used in a filter here`, groupMapping],
    ["a nested sub-attribute on a table source", 'members[value.x eq "x"]', `the sub-attribute "value.x" can't be used`, groupMapping],
    ["a URN inside [ ]", 'emails[urn:a:b:type eq "x"]', "inside [ ] use sub-attribute names without a schema URN"],
    [
      "a hand-built nested [ ]",
      { kind: "valuePath", path: { attr: "emails" }, filter: { kind: "valuePath", path: { attr: "type" }, filter: { kind: "present", path: { attr: "x" } } } },
      "can't be nested",
    ],
    ["a hand-built [ ] on a sub-attribute", { kind: "valuePath", path: { attr: "name", sub: "givenName" }, filter: { kind: "present", path: { attr: "x" } } }, "must follow a multi-valued attribute"],
    ["a hand-built attribute name with a quote", { kind: "present", path: { attr: "x'||pg_sleep(10)||'" } }, "is not a valid attribute name"],
  ])("rejects %s with 400 invalidFilter", (_name, filter, detail, mapping = userMapping) => {
    const err = scimErrorOf(() => translate(filter, mapping));
    expect(err.status).toBe(400);
    expect(err.scimType).toBe("invalidFilter");
    expect(err.message).toContain(detail);
  });
});

describe("sortToSql", () => {
  it.each<[string, string, string]>([
    ["case-insensitive string sorts by lower()", "userName", `lower(u."userName")`],
    ["attribute name in any case", "USERNAME", `lower(u."userName")`],
    ["caseExact string", "externalId", `u."externalId"`],
    ["dateTime", "meta.lastModified", `u."updatedAt"`],
    ["boolean", "active", `u."active"`],
    ["core-URN-qualified", "urn:ietf:params:scim:schemas:core:2.0:User:userName", `lower(u."userName")`],
    ["mapped extension attribute", `${ENT}:employeeNumber`, `lower(u."employeeNumber")`],
  ])("%s", (_name, sortBy, sql) => {
    const [uri, attr] = sortBy.startsWith("urn:") ? [sortBy.slice(0, sortBy.lastIndexOf(":")), sortBy.slice(sortBy.lastIndexOf(":") + 1)] : [undefined, sortBy];
    const [name, sub] = (attr as string).split(".") as [string, string | undefined];
    expect(sortToSql({ ...(uri && { uri }), attr: name, ...(sub && { sub }) }, userMapping)).toBe(sql);
  });

  it.each<[string, { uri?: string; attr: string; sub?: string }, string]>([
    ["an unmapped attribute", { attr: "title" }, `sortBy "title" is not supported; sort by one of: id, externalid, username`],
    ["a multi-valued attribute", { attr: "emails", sub: "value" }, `sortBy "emails.value" is not supported`],
    ["an unknown schema URN", { uri: "urn:example:custom:2.0:User", attr: "badge" }, "unknown schema URN"],
    ["a prototype name", { attr: "constructor" }, `sortBy "constructor" is not supported`],
  ])("rejects %s with 400 invalidValue", (_name, path, detail) => {
    const err = scimErrorOf(() => sortToSql(path, userMapping));
    expect(err.status).toBe(400);
    expect(err.scimType).toBe("invalidValue");
    expect(err.message).toContain(detail);
  });
});
