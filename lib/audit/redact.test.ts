import { describe, expect, it } from "vitest";
import { patchRequestSchema } from "@/lib/scim/requests";
import { REDACTED, redactQuery, redactRequestBody } from "./redact";

const PATCH_URN = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const ENTERPRISE_URN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const SECRET = "hunter2-Secret!";

// Issue 12, item 3: the PATCH parser reads `Operations`, `path` and `value` in any case, so the redaction must too.
// Every row is a body the parser accepts (checked below) and must leave no trace of SECRET in the sync log.
const SPELLINGS: [name: string, body: Record<string, unknown>][] = [
  ["canonical", { schemas: [PATCH_URN], Operations: [{ op: "replace", path: "password", value: SECRET }] }],
  ["lower-case operations", { schemas: [PATCH_URN], operations: [{ op: "replace", path: "password", value: SECRET }] }],
  ["upper-case OPERATIONS", { schemas: [PATCH_URN], OPERATIONS: [{ op: "replace", path: "password", value: SECRET }] }],
  ["Path and Value capitalised", { schemas: [PATCH_URN], Operations: [{ Op: "Replace", Path: "password", Value: SECRET }] }],
  ["PATH and VALUE upper-case", { schemas: [PATCH_URN], Operations: [{ OP: "add", PATH: "Password", VALUE: SECRET }] }],
  ["everything in odd case", { Schemas: [PATCH_URN], oPeRaTiOnS: [{ oP: "rEpLaCe", pAtH: "PASSWORD", vAlUe: SECRET }] }],
  ["URN-qualified path", { schemas: [PATCH_URN], Operations: [{ op: "replace", path: "urn:ietf:params:scim:schemas:core:2.0:User:password", value: SECRET }] }],
  ["path into the Enterprise extension", { schemas: [PATCH_URN], Operations: [{ op: "add", path: `${ENTERPRISE_URN}:password`, value: SECRET }] }],
  ["no-path value with a password", { schemas: [PATCH_URN], Operations: [{ op: "replace", value: { password: SECRET } }] }],
  ["no-path value with the extension's password", { schemas: [PATCH_URN], Operations: [{ op: "replace", value: { [ENTERPRISE_URN]: { password: SECRET } } }] }],
  ["no-path value with a URN key", { schemas: [PATCH_URN], Operations: [{ op: "replace", value: { [`${ENTERPRISE_URN}:password`]: SECRET } }] }],
  ["path with surrounding spaces", { schemas: [PATCH_URN], Operations: [{ op: "replace", path: "  password ", value: SECRET }] }],
  ["an object value under a secret path", { schemas: [PATCH_URN], Operations: [{ op: "add", path: "password", value: { nested: [SECRET] } }] }],
  ["both spellings of Operations (the parser takes the last)", { schemas: [PATCH_URN], Operations: [], operations: [{ op: "replace", path: "password", value: SECRET }] }],
];

describe("redactRequestBody: PATCH in every spelling the parser accepts (issue 12)", () => {
  it.each(SPELLINGS)("%s", (_name, body) => {
    expect(patchRequestSchema.safeParse(body).success).toBe(true);
    const redacted = JSON.stringify(redactRequestBody(body));
    expect(redacted).not.toContain(SECRET);
    expect(redacted).toContain(REDACTED);
  });

  it("keeps the values of operations that name no secret", () => {
    const body = { schemas: [PATCH_URN], Operations: [{ Op: "Replace", Path: "active", Value: "False" }, { op: "add", path: "members", value: [{ value: "usr_1" }] }] };
    expect(redactRequestBody(body)).toEqual(body);
  });

  it("redacts passwords in POST and PUT bodies at any depth, in any case", () => {
    const body = {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "a@example.com", Password: SECRET,
      [ENTERPRISE_URN]: { employeeNumber: "7", password: SECRET }, "urn:example:custom": { deep: { PASSWORD: SECRET, clientSecret: SECRET } },
    };
    const redacted = redactRequestBody(body) as Record<string, Record<string, unknown>>;
    expect(JSON.stringify(redacted)).not.toContain(SECRET);
    expect(redacted[ENTERPRISE_URN]).toEqual({ employeeNumber: "7", password: REDACTED });
  });
});

describe("redactQuery", () => {
  it.each([
    ["access_token", "?filter=userName%20eq%20%22a%22&access_token=rc_scim_abc", 'filter=userName eq "a"&access_token=[REDACTED]'],
    ["any case, with a plus for a space", "?Access_Token=abc+def&count=1", "Access_Token=[REDACTED]&count=1"],
    ["password and api_key", "?password=x&api_key=y&startIndex=1", "password=[REDACTED]&api_key=[REDACTED]&startIndex=1"],
    ["a Rollcall token inside a filter", "?filter=externalId%20eq%20%22rc_scim_AbC-123_x%22", 'filter=externalId eq "[REDACTED]"'],
    ["decodes as before: + and %26", "?filter=displayName+eq+%22R%26D%22&count=5", 'filter=displayName eq "R&D"&count=5'],
    ["a malformed escape is kept, not thrown", "?filter=%E0%A4%A&count=1", "filter=%E0%A4%A&count=1"],
  ])("%s", (_name, search, expected) => {
    expect(redactQuery(search)).toBe(expected);
  });

  it("is null without a query", () => {
    expect(redactQuery("")).toBeNull();
  });
});
