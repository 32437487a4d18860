import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  createGroupBodySchema, createUserBodySchema, listQuerySchema, patchRequestSchema, replaceGroupBodySchema,
  replaceUserBodySchema, scimBoolean, searchRequestSchema, toScimValidationError,
} from "./requests";
import { ScimError } from "./errors";
import { MAX_PATCH_OPERATIONS } from "./limits";
import { ENTERPRISE_USER_URN as EXT, GROUP_URN, PATCH_OP_URN, SEARCH_REQUEST_URN, USER_URN } from "./schemas";

type Json = Record<string, unknown>;
const userSchemas = [USER_URN];

describe("POST and PUT /scim/v2/{dir}/Users bodies", () => {
  it.each<[string, unknown, Json, boolean]>([
    ["Okta create (§2.1): password and groups dropped, password reported", {
      schemas: [USER_URN], userName: "test.user@okta.local", name: { givenName: "Test", familyName: "User" },
      emails: [{ primary: true, value: "test.user@okta.local", type: "work" }], displayName: "Test User", locale: "en-US",
      externalId: "00ujl29u0le5T6Aj10h7", groups: [], password: "1mz050nq", active: true,
    }, {
      userName: "test.user@okta.local", name: { givenName: "Test", familyName: "User" },
      emails: [{ primary: true, value: "test.user@okta.local", type: "work" }], displayName: "Test User", locale: "en-US",
      externalId: "00ujl29u0le5T6Aj10h7", active: true,
    }, true],
    ["Entra MS-TUT create: client meta ignored, roles [] kept", {
      schemas: [USER_URN, EXT], externalId: "0a21f0f2", userName: "Test_User", active: true,
      emails: [{ primary: true, type: "work", value: "t@testuser.com" }], meta: { resourceType: "User" },
      name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" }, roles: [],
    }, {
      externalId: "0a21f0f2", userName: "Test_User", active: true, emails: [{ primary: true, type: "work", value: "t@testuser.com" }],
      name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" }, roles: [],
    }, false],
    ["Entra MS-TUT Example 2: nulls dropped, misspelled extension URN tolerated", {
      schemas: [USER_URN, "urn:ietf:params:scim:schemas:extension:enterprise:2.0User"], externalId: "jyoung",
      userName: "jyoung@testuser.com", active: true, addresses: null, displayName: "Joy Young",
      emails: [{ type: "work", value: "jyoung@Contoso.com", primary: true }], meta: { resourceType: "User" },
      name: { familyName: "Young", givenName: "Joy" }, phoneNumbers: null, preferredLanguage: null, title: null, department: null, manager: null,
    }, {
      externalId: "jyoung", userName: "jyoung@testuser.com", active: true, displayName: "Joy Young",
      emails: [{ type: "work", value: "jyoung@Contoso.com", primary: true }], name: { familyName: "Young", givenName: "Joy" },
    }, false],
    ["Microsoft collection \"Post EnterpriseUser\": capitalised keys canonicalised", {
      userName: "UserName222", active: true, displayName: "lennay", schemas: [EXT, USER_URN],
      emails: [{ Primary: true, type: "work", value: "testing@bob2.com" }, { Primary: false, type: "home", value: "testinghome@bob3.com" }],
      [EXT]: { Department: "bob", Manager: { Value: "SuzzyQ" } },
    }, {
      userName: "UserName222", active: true, displayName: "lennay",
      emails: [{ primary: true, type: "work", value: "testing@bob2.com" }, { primary: false, type: "home", value: "testinghome@bob3.com" }],
      [EXT]: { department: "bob", manager: { value: "SuzzyQ" } },
    }, false],
    ["Microsoft collection \"Post emp1 with string True\"", { schemas: userSchemas, userName: "emp1", active: "True" },
      { userName: "emp1", active: true }, false],
    ["Entra validator: roles with primary \"True\", lower-case \"false\"", {
      schemas: userSchemas, userName: "u", active: "false", roles: [{ primary: "True", display: "R", value: "r", type: "t" }],
    }, { userName: "u", active: false, roles: [{ primary: true, display: "R", value: "r", type: "t" }] }, false],
    ["attribute names in any case, URN key in any case", {
      SCHEMAS: [USER_URN.toUpperCase()], USERNAME: "u", Name: { GivenName: "G" }, Emails: [{ VALUE: "e@x", Primary: "TRUE" }],
      [EXT.toLowerCase()]: { EmployeeNumber: "7" },
    }, { userName: "u", name: { givenName: "G" }, emails: [{ value: "e@x", primary: true }], [EXT]: { employeeNumber: "7" } }, false],
    ["unknown attributes and unknown extensions kept as sent", {
      schemas: [USER_URN, "urn:acme:2.0:User"], userName: "u", adreses: [{ x: 1 }], "urn:acme:2.0:User": { Badge: "B1" },
      emails: [{ value: "e@x", label: "keep" }],
    }, { userName: "u", adreses: [{ x: 1 }], "urn:acme:2.0:User": { Badge: "B1" }, emails: [{ value: "e@x", label: "keep" }] }, false],
    ["OneLogin SCIM v2 Enterprise (authentik #11249): pre-RFC URNs read as the RFC ones, leading space kept", {
      schemas: ["urn:scim:schemas:core:2.0", "urn:scim:schemas:extension:enterprise:2.0"], userName: "onelogin-test-user01",
      name: { familyName: " User 01", givenName: "AAA Test" },
      "urn:scim:schemas:extension:enterprise:2.0": { department: "Sales" },
    }, { userName: "onelogin-test-user01", name: { familyName: " User 01", givenName: "AAA Test" }, [EXT]: { department: "Sales" } }, false],
    ["OneLogin's documented template (django-scim2): emails as one object, 1.0 URNs", {
      schemas: ["urn:scim:schemas:core:1.0", "urn:scim:schemas:extension:enterprise:1.0"], userName: "jo",
      emails: { value: "jo@example.com", type: "work", primary: true },
      "urn:scim:schemas:extension:enterprise:1.0": { manager: { managerId: "m1", displayName: "Boss" } },
    }, { userName: "jo", emails: [{ value: "jo@example.com", type: "work", primary: true }], [EXT]: { manager: { managerId: "m1", displayName: "Boss" } } }, false],
    ["JumpCloud full PUT shape (SC-RUST): extension URN first, tel: URI, empty lists clear", {
      schemas: [EXT, USER_URN], userName: "john.doe@example.com", externalId: "664447f5c0c418f2d05e5318",
      emails: [{ primary: true, type: "work", value: "john.doe@example.io" }], addresses: [], phoneNumbers: [],
      [EXT]: { department: "C-Suite" },
    }, {
      userName: "john.doe@example.com", externalId: "664447f5c0c418f2d05e5318",
      emails: [{ primary: true, type: "work", value: "john.doe@example.io" }], addresses: [], phoneNumbers: [], [EXT]: { department: "C-Suite" },
    }, false],
    ["RFC 7643 §2.4: only the first primary stays primary", {
      schemas: userSchemas, userName: "u", emails: [{ value: "a", primary: true }, { value: "b", primary: true }],
    }, { userName: "u", emails: [{ value: "a", primary: true }, { value: "b", primary: false }] }, false],
  ])("%s", (_name, body, attributes, hasPassword) => {
    expect(createUserBodySchema.parse(body)).toEqual({ attributes, hasPassword });
  });

  it("Okta PUT (§2.3): the id that matches the URL, meta and groups are ignored", () => {
    const body = {
      schemas: [USER_URN], id: "23a35c27", userName: "test.user@okta.local", name: { givenName: "Another", middleName: "Excited", familyName: "User" },
      emails: [{ primary: true, value: "test.user@okta.local", type: "work", display: "test.user@okta.local" }],
      active: true, groups: [], meta: { resourceType: "User" },
    };
    expect(replaceUserBodySchema("23a35c27").parse(body).attributes).toEqual({
      userName: "test.user@okta.local", name: { givenName: "Another", middleName: "Excited", familyName: "User" },
      emails: [{ primary: true, value: "test.user@okta.local", type: "work", display: "test.user@okta.local" }], active: true,
    });
  });
});

describe("POST and PUT /scim/v2/{dir}/Groups bodies", () => {
  it.each<[string, unknown, Json, unknown]>([
    ["Entra MS-TUT create: no members key, Microsoft URN tolerated", {
      schemas: [GROUP_URN, "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
      externalId: "8aa1a0c0", displayName: "displayName", meta: { resourceType: "Group" },
    }, { externalId: "8aa1a0c0", displayName: "displayName" }, undefined],
    ["Okta create with members: []", { schemas: [GROUP_URN], displayName: "Test SCIMv2", members: [] }, { displayName: "Test SCIMv2" }, []],
    ["Microsoft collection \"Create filled group 2\"", {
      schemas: [GROUP_URN], externalId: "e", displayName: "GroupDisplayName2", members: [{ value: "id3", display: "VP" }],
    }, { externalId: "e", displayName: "GroupDisplayName2" }, [{ value: "id3", display: "VP" }]],
    ["member keys in any case, displayName as display, $ref null, duplicates once", {
      schemas: [GROUP_URN], displayName: "G",
      Members: [{ Value: "a", DisplayName: "A", $ref: null, type: "User" }, { value: "a" }, { value: "b", Display: "B" }],
    }, { displayName: "G" }, [{ value: "a", display: "A" }, { value: "b", display: "B" }]],
  ])("%s", (_name, body, attributes, members) => {
    expect(createGroupBodySchema.parse(body)).toEqual({ attributes, members });
  });

  it("Microsoft collection \"group put\": same id accepted, members absent", () => {
    expect(replaceGroupBodySchema("g1").parse({ id: "g1", displayName: "Tiffany Ortiz", externalId: "6c6b", schemas: [GROUP_URN] }))
      .toEqual({ attributes: { displayName: "Tiffany Ortiz", externalId: "6c6b" }, members: undefined });
  });
});

describe("PATCH bodies", () => {
  it.each<[string, unknown, unknown]>([
    ["Entra capitalised ops", { schemas: [PATCH_OP_URN], Operations: [{ op: "Replace", path: "active", value: "False" }] },
      [{ op: "replace", path: "active", value: "False" }]],
    ["Entra: empty Operations is a valid no-op", { schemas: [PATCH_OP_URN], Operations: [] }, []],
    ["Microsoft collection: extra top-level id and operation name are ignored", {
      id: "g1", schemas: [PATCH_OP_URN], Operations: [{ name: "addMember", op: "add", path: "members", value: "string id 1" }],
    }, [{ op: "add", path: "members", value: "string id 1" }]],
    ["key names in any case, blank path means none", { Schemas: [PATCH_OP_URN], operations: [{ OP: "REMOVE", Path: " " }] },
      [{ op: "remove", path: undefined }]],
  ])("%s", (_name, body, operations) => {
    expect(patchRequestSchema.parse(body).Operations).toEqual(operations);
  });
});

describe("ids sent by the client", () => {
  it("are ignored on create, as identity providers may echo one (idp-payloads.md §3, item 8)", () => {
    const body = createUserBodySchema.parse({ schemas: [USER_URN], userName: "a@b.c", id: "mine" });
    expect(body.attributes).not.toHaveProperty("id");
  });
});

describe("GET list query parameters", () => {
  it.each<[string, unknown, Json]>([
    ["defaults", {}, { startIndex: 1, count: 100 }],
    ["Okta paging", { startIndex: "101", count: "100" }, { startIndex: 101, count: 100 }],
    ["RFC 7644 §3.4.2.4: startIndex < 1 means 1", { startIndex: "0" }, { startIndex: 1, count: 100 }],
    ["RFC 7644 §3.4.2.4: negative count means 0", { count: "-5" }, { startIndex: 1, count: 0 }],
    ["count above maxResults is capped", { count: "5000" }, { startIndex: 1, count: 1000 }],
    ["Entra filter with excludedAttributes, unknown aadOptscim062020 ignored", {
      filter: 'displayName eq "x"', excludedAttributes: "members", aadOptscim062020: "",
    }, { filter: 'displayName eq "x"', excludedAttributes: ["members"], startIndex: 1, count: 100 }],
    ["Microsoft collection attributes list", { attributes: "userName, emails" }, { attributes: ["userName", "emails"], startIndex: 1, count: 100 }],
    ["sorting, any case", { sortBy: "userName", sortOrder: "Descending" }, { sortBy: "userName", sortOrder: "descending", startIndex: 1, count: 100 }],
    ["parameter names in any case, empty values ignored", { STARTINDEX: "3", Count: "", filter: " " }, { startIndex: 3, count: 100 }],
    ["repeated parameter: first wins", { count: ["2", "9"] }, { startIndex: 1, count: 2 }],
  ])("%s", (_name, query, expected) => {
    expect(listQuerySchema.parse(query)).toEqual(expected);
  });

  it("accepts URLSearchParams, + and %20 decoded by it", () => {
    const params = new URLSearchParams('filter=userName+eq+"dale.mohr%40romaguera.uk"&startIndex=2');
    expect(listQuerySchema.parse(params)).toEqual({ filter: 'userName eq "dale.mohr@romaguera.uk"', startIndex: 2, count: 100 });
  });
});

describe("POST /.search bodies (RFC 7644 §3.4.3)", () => {
  it.each<[string, Json, Json]>([
    ["defaults, as a GET without parameters", { schemas: [SEARCH_REQUEST_URN] }, { startIndex: 1, count: 100 }],
    ["RFC 7644 §3.4.3's example", {
      schemas: [SEARCH_REQUEST_URN], attributes: ["displayName", "userName"], filter: 'displayName sw "smith"', startIndex: 1, count: 10,
    }, { attributes: ["displayName", "userName"], filter: 'displayName sw "smith"', startIndex: 1, count: 10 }],
    ["bounds as in a GET: startIndex < 1, count above maxResults", { schemas: [SEARCH_REQUEST_URN], startIndex: -4, count: 5000 }, { startIndex: 1, count: 1000 }],
    ["sorting in any case, excludedAttributes, names in any case", {
      SCHEMAS: [SEARCH_REQUEST_URN], sortby: "userName", SortOrder: "Descending", excludedAttributes: ["groups"],
    }, { sortBy: "userName", sortOrder: "descending", excludedAttributes: ["groups"], startIndex: 1, count: 100 }],
    ["integers as strings and a comma-separated attributes string", { schemas: [SEARCH_REQUEST_URN], startIndex: "3", count: "2", attributes: "userName, emails" },
      { startIndex: 3, count: 2, attributes: ["userName", "emails"] }],
  ])("%s", (_name, body, expected) => {
    expect(searchRequestSchema.parse(body)).toEqual(expected);
  });
});

describe("scimBoolean", () => {
  it.each([[true, true], [false, false], ["True", true], ["False", false], ["true", true], ["FALSE", false]])("%j → %j", (input, output) => {
    expect(scimBoolean.parse(input)).toBe(output);
  });
});

const user = { schemas: userSchemas, userName: "u" };
const group = { schemas: [GROUP_URN], displayName: "G" };
const patchBody = (op: unknown) => ({ schemas: [PATCH_OP_URN], Operations: [op] });

// Schemas are looked up by name: vitest chokes on zod schemas inside it.each rows.
const parsers = {
  createUser: createUserBodySchema,
  replaceUser: replaceUserBodySchema("u1"),
  createGroup: createGroupBodySchema,
  replaceGroup: replaceGroupBodySchema("g1"),
  patch: patchRequestSchema,
  listQuery: listQuerySchema,
  search: searchRequestSchema,
} satisfies Record<string, z.ZodType>;

describe("bad input", () => {
  it.each<[string, keyof typeof parsers, unknown, string, string?]>([
    ["user body that is an array", "createUser", [user], "invalidSyntax"],
    ["user body that is null", "createUser", null, "invalidSyntax"],
    ["user body that is a string", "createUser", "userName=u", "invalidSyntax"],
    ["user without schemas", "createUser", { userName: "u" }, "invalidSyntax", "schemas"],
    ["user schemas without the core URN", "createUser", { schemas: [EXT], userName: "u" }, "invalidSyntax", "schemas must include"],
    ["user schemas that is a string", "createUser", { schemas: USER_URN, userName: "u" }, "invalidSyntax"],
    ["Microsoft collection \"Post no username\"", "createUser", { schemas: userSchemas, active: true }, "invalidValue", "userName is required"],
    ["Microsoft collection \"Put a user no username\"", "replaceUser",
      { id: "u1", userame: "OMalley", schemas: userSchemas }, "invalidValue", "userName is required"],
    ["empty userName", "createUser", { ...user, userName: "" }, "invalidValue", "userName is required"],
    ["blank userName", "createUser", { ...user, userName: "   " }, "invalidValue", "userName is required"],
    ["numeric userName", "createUser", { ...user, userName: 42 }, "invalidValue", "userName must be a string"],
    ["null userName", "createUser", { ...user, userName: null }, "invalidValue", "userName is required"],
    ["PUT id that differs from the URL", "replaceUser", { ...user, id: "u2" }, "mutability", "id cannot be changed"],
    ["active that is not a boolean", "createUser", { ...user, active: "yes" }, "invalidValue", "active: expected a boolean"],
    ["emails that is a string (only OneLogin's single object is read as a list)", "createUser", { ...user, emails: "e@x" }, "invalidValue", "emails:"],
    ["phoneNumbers that is an object (the list-of-one reading is for emails only)", "createUser", { ...user, phoneNumbers: { value: "1" } }, "invalidValue", "phoneNumbers:"],
    ["a group with OneLogin's pre-RFC enterprise URN only", "createGroup", { ...group, schemas: ["urn:scim:schemas:extension:enterprise:2.0"] }, "invalidSyntax"],
    ["emails[].primary that is not a boolean", "createUser", { ...user, emails: [{ value: "e", primary: "maybe" }] },
      "invalidValue", "emails[0].primary"],
    ["emails[].value that is a number", "createUser", { ...user, emails: [{ value: 5 }] }, "invalidValue", "emails[0].value"],
    ["name that is a string", "createUser", { ...user, name: "Barbara Jensen" }, "invalidValue", "name:"],
    ["name.givenName that is a number", "createUser", { ...user, name: { givenName: 1 } }, "invalidValue", "name.givenName"],
    ["enterprise department that is a number", "createUser", { ...user, [EXT]: { department: 3 } }, "invalidValue", `${EXT}.department`],
    ["enterprise manager that is a number", "createUser", { ...user, [EXT]: { manager: 3 } }, "invalidValue", `${EXT}.manager`],
    ["group without displayName", "createGroup", { schemas: [GROUP_URN] }, "invalidValue", "displayName is required"],
    ["group with an empty displayName", "createGroup", { ...group, displayName: "" }, "invalidValue", "displayName is required"],
    ["group schemas with the User URN", "createGroup", { ...group, schemas: [USER_URN] }, "invalidSyntax"],
    ["group members that is an object", "createGroup", { ...group, members: { value: "a" } }, "invalidValue", "members"],
    ["group member without value", "createGroup", { ...group, members: [{ display: "a" }] }, "invalidValue", "members[0].value"],
    ["group member with a numeric value", "createGroup", { ...group, members: [{ value: 7 }] }, "invalidValue", "members[0].value"],
    ["group PUT id that differs", "replaceGroup", { ...group, id: "g2" }, "mutability"],
    ["PATCH without Operations", "patch", { schemas: [PATCH_OP_URN] }, "invalidSyntax", "Operations"],
    ["PATCH Operations that is an object", "patch", { schemas: [PATCH_OP_URN], Operations: { op: "add" } }, "invalidSyntax"],
    ["PATCH without the PatchOp URN", "patch", { schemas: [USER_URN], Operations: [] }, "invalidSyntax", "schemas must include"],
    ["PATCH without schemas", "patch", { Operations: [] }, "invalidSyntax"],
    ["PATCH op copy", "patch", patchBody({ op: "copy", path: "a" }), "invalidSyntax", "Operations[0].op"],
    ["PATCH op missing", "patch", patchBody({ path: "a", value: 1 }), "invalidSyntax", "op is required"],
    ["PATCH operation that is a string", "patch", patchBody("replace"), "invalidSyntax"],
    ["PATCH path that is a number", "patch", patchBody({ op: "add", path: 7, value: 1 }), "invalidSyntax"],
    ["startIndex that is not a number", "listQuery", { startIndex: "abc" }, "invalidValue", "startIndex must be an integer"],
    ["count that is not a number", "listQuery", { count: "ten" }, "invalidValue", "count must be an integer"],
    ["count with a fraction", "listQuery", { count: "1.5" }, "invalidValue", "count"],
    ["sortOrder that is not a direction", "listQuery", { sortOrder: "up" }, "invalidValue", "sortOrder"],
    ["SearchRequest without schemas", "search", { filter: "userName pr" }, "invalidSyntax", "schemas"],
    ["SearchRequest with the ListResponse URN", "search", { schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"] }, "invalidSyntax", "schemas must include"],
    ["SearchRequest count with a fraction", "search", { schemas: [SEARCH_REQUEST_URN], count: 1.5 }, "invalidValue", "count"],
    ["SearchRequest startIndex that is a word", "search", { schemas: [SEARCH_REQUEST_URN], startIndex: "first" }, "invalidValue", "startIndex must be an integer"],
    ["SearchRequest filter that is a number", "search", { schemas: [SEARCH_REQUEST_URN], filter: 7 }, "invalidValue", "filter"],
    ["SearchRequest attributes that is a number", "search", { schemas: [SEARCH_REQUEST_URN], attributes: 7 }, "invalidValue", "attributes"],
    ["SearchRequest sortOrder that is not a direction", "search", { schemas: [SEARCH_REQUEST_URN], sortOrder: "up" }, "invalidValue", "sortOrder"],
  ])("%s → 400 %s", (_name, parser, input, scimType, detail) => {
    const result = parsers[parser].safeParse(input);
    expect(result.success).toBe(false);
    const error = toScimValidationError(result.error!);
    expect({ status: error.status, scimType: error.scimType }).toEqual({ status: 400, scimType });
    if (detail) expect(error.message).toContain(detail);
  });
});

// Issue 12, item 3: a password in any extension or nested attribute used to be stored, and so returned everywhere.
describe("POST and PUT bodies never keep a password, at any depth (issue 12)", () => {
  it("drops the Enterprise extension's, another extension's and a nested password", () => {
    const body = {
      schemas: [USER_URN, EXT], userName: "p@example.com", Password: "s3cret",
      [EXT]: { employeeNumber: "7", password: "s3cret" },
      "urn:example:params:scim:schemas:extension:acme:2.0:User": { vault: { PASSWORD: "s3cret", pin: "1" }, "x:password": "s3cret" },
    };
    for (const parsed of [createUserBodySchema.parse(body), replaceUserBodySchema("usr_1").parse(body)]) {
      expect(JSON.stringify(parsed.attributes)).not.toMatch(/s3cret|password/i);
      expect(parsed.attributes[EXT]).toEqual({ employeeNumber: "7" });
    }
  });

  it("drops a password sent inside a group", () => {
    const parsed = createGroupBodySchema.parse({ schemas: [GROUP_URN], displayName: "G", "urn:example:ext": { password: "s3cret" } });
    expect(JSON.stringify(parsed.attributes)).not.toContain("s3cret");
  });
});

// Issue 12, item 7: a PATCH of 20,000 operations ran for 18–31 s and stalled every tenant while it parsed.
describe("PATCH operation limit", () => {
  const op = { op: "replace", path: "title", value: "x" };
  it("accepts MAX_PATCH_OPERATIONS operations", () => {
    expect(patchRequestSchema.parse({ schemas: [PATCH_OP_URN], Operations: Array(MAX_PATCH_OPERATIONS).fill(op) }).Operations).toHaveLength(MAX_PATCH_OPERATIONS);
  });

  it.each([["Operations"], ["operations"]])("refuses one more with 413 and a detail that says what to do (%s)", (key) => {
    let error: unknown;
    try {
      patchRequestSchema.parse({ schemas: [PATCH_OP_URN], [key]: Array(20_000).fill(op) });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ScimError);
    expect((error as ScimError).status).toBe(413);
    expect((error as ScimError).message).toBe(`A PATCH may carry at most ${MAX_PATCH_OPERATIONS} operations; this one has 20000. Send the changes in several requests.`);
  });
});
