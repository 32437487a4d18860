import { describe, expect, it } from "vitest";
import { ScimError } from "./errors";
import { parseFilter } from "./filter";
import { applyPatch, matchesFilter, type MemberOp } from "./patch";
import { patchRequestSchema } from "./requests";
import { ENTERPRISE_USER_URN as EXT, USER_SCHEMA, type ResourceTypeName } from "./schemas";

type Json = Record<string, unknown>;
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/** Replays a PATCH body as the route will: through patchRequestSchema, then applyPatch. */
function patch(resource: Json, body: Json, resourceType: ResourceTypeName = "User", id = "res-1") {
  return applyPatch(resource, patchRequestSchema.parse(body).Operations, resourceType, { id });
}
const ops = (...Operations: Json[]) => ({ schemas: [PATCH_OP], Operations });

const user: Json = {
  userName: "bjensen@example.com",
  externalId: "ext-1",
  displayName: "Babs Jensen",
  name: { givenName: "Barbara", familyName: "Jensen" },
  emails: [
    { value: "bjensen@example.com", type: "work", primary: true },
    { value: "babs@home.example", type: "home" },
  ],
  phoneNumbers: [{ value: "555-0100", type: "work" }, { value: "555-0199", type: "mobile" }],
  active: true,
  [EXT]: { department: "Sales", employeeNumber: "42" },
};
const bare: Json = { userName: "new@example.com" };

describe("PATCH /scim/v2/{dir}/Users/{id}", () => {
  it.each<[string, Json, Json, Json]>([
    ["Entra MS-TUT: replace emails[type eq \"work\"].value and name.familyName", user, ops(
      { op: "Replace", path: "emails[type eq \"work\"].value", value: "updatedEmail@microsoft.com" },
      { op: "Replace", path: "name.familyName", value: "updatedFamilyName" },
    ), {
      ...user,
      name: { givenName: "Barbara", familyName: "updatedFamilyName" },
      emails: [{ value: "updatedEmail@microsoft.com", type: "work", primary: true }, { value: "babs@home.example", type: "home" }],
    }],
    ["Entra MS-TUT: replace userName", user, ops({ op: "Replace", path: "userName", value: "5b50642d@testuser.com" }),
      { ...user, userName: "5b50642d@testuser.com" }],
    ["Entra MS-TUT: disable with a boolean", user, ops({ op: "Replace", path: "active", value: false }), { ...user, active: false }],
    ["Entra default (no aadOptscim062020): Replace active \"False\"", user, ops({ op: "Replace", path: "active", value: "False" }),
      { ...user, active: false }],
    ["Entra (scimmy#86): lower-case \"false\"", user, ops({ op: "replace", path: "active", value: "false" }), { ...user, active: false }],
    ["Entra aadOptscim062020: replace active false", user, ops({ op: "replace", path: "active", value: false }), { ...user, active: false }],
    ["Entra default: Add nickName", user, ops({ op: "Add", path: "nickName", value: "Babs" }), { ...user, nickName: "Babs" }],
    ["Entra default: replace several attributes, one op each (MS-COMPAT)", user, ops(
      { op: "Replace", path: "displayName", value: "Pvlo" },
      { op: "Replace", path: "emails[type eq \"work\"].value", value: "TestBcwqnm@test.microsoft.com" },
      { op: "Replace", path: "name.givenName", value: "Gtfd" },
      { op: "Replace", path: "name.familyName", value: "Pkqf" },
      { op: "Replace", path: "externalId", value: "Eqpj" },
      { op: "Replace", path: `${EXT}:employeeNumber`, value: "Eqpj" },
    ), {
      ...user, displayName: "Pvlo", externalId: "Eqpj", name: { givenName: "Gtfd", familyName: "Pkqf" },
      emails: [{ value: "TestBcwqnm@test.microsoft.com", type: "work", primary: true }, { value: "babs@home.example", type: "home" }],
      [EXT]: { department: "Sales", employeeNumber: "Eqpj" },
    }],
    ["Entra aadOptscim062020: no-path value with dotted and URN keys (MS-COMPAT)", user, ops(
      { op: "replace", path: "emails[type eq \"work\"].value", value: "TestMhvaes@test.microsoft.com" },
      { op: "replace", value: { displayName: "Bjfe", "name.givenName": "Kkom", "name.familyName": "Unua", [`${EXT}:employeeNumber`]: "Aklq" } },
    ), {
      ...user, displayName: "Bjfe", name: { givenName: "Kkom", familyName: "Unua" },
      emails: [{ value: "TestMhvaes@test.microsoft.com", type: "work", primary: true }, { value: "babs@home.example", type: "home" }],
      [EXT]: { department: "Sales", employeeNumber: "Aklq" },
    }],
    ["Entra validator (Q&A 1665068): no-path dotted name keys", user,
      ops({ op: "replace", value: { "name.givenName": "Oswaldo", "name.familyName": "Rylan" } }),
      { ...user, name: { givenName: "Oswaldo", familyName: "Rylan" } }],
    ["Entra MS-TUT Example 5: Add manager as a one-element array on the bare path", user, ops({
      op: "Add", path: "manager", value: [{ $ref: "http://x/scim/Users/00aa", value: "00aa" }],
    }), { ...user, [EXT]: { department: "Sales", employeeNumber: "42", manager: { $ref: "http://x/scim/Users/00aa", value: "00aa" } } }],
    ["Entra validator: replace manager through the URN path with {value}", { ...user, [EXT]: { manager: { value: "old", $ref: "x" } } },
      ops({ op: "replace", path: `${EXT}:manager`, value: { value: "IHZXFLMQGJKS" } }),
      { ...user, [EXT]: { manager: { value: "IHZXFLMQGJKS" } } }],
    ["Entra validator: remove manager by replacing with {value: \"\"}", { ...user, [EXT]: { manager: { value: "m1" } } },
      ops({ op: "replace", path: `${EXT}:manager`, value: { value: "" } }), { ...user, [EXT]: undefined }],
    ["URN-qualified manager with a bare id", user, ops({ op: "replace", path: `${EXT}:manager`, value: "m2" }),
      { ...user, [EXT]: { department: "Sales", employeeNumber: "42", manager: { value: "m2" } } }],
    ["Okta OIN: deactivate with a no-path value", user, ops({ op: "replace", value: { active: false } }), { ...user, active: false }],
    ["Okta OIN: reactivate", { ...user, active: false }, ops({ op: "replace", value: { active: true } }), { ...user, active: true }],
    ["Entra: a work email is created when none matches the filter", bare,
      ops({ op: "Replace", path: "emails[type eq \"work\"].value", value: "a@b.c" }),
      { ...bare, emails: [{ type: "work", value: "a@b.c" }] }],
    ["Entra: addresses[type eq \"work\"].streetAddress creates the address", bare,
      ops({ op: "Add", path: "addresses[type eq \"work\"].streetAddress", value: "1 Main St" }),
      { ...bare, addresses: [{ type: "work", streetAddress: "1 Main St" }] }],
    ["Entra: phoneNumbers[type eq \"mobile\"].value replaces the existing number", user,
      ops({ op: "Replace", path: "phoneNumbers[type eq \"mobile\"].value", value: "555-0111" }),
      { ...user, phoneNumbers: [{ value: "555-0100", type: "work" }, { value: "555-0111", type: "mobile" }] }],
    ["remove phoneNumbers[type eq \"mobile\"]", user, ops({ op: "remove", path: "phoneNumbers[type eq \"mobile\"]" }),
      { ...user, phoneNumbers: [{ value: "555-0100", type: "work" }] }],
    ["replace phoneNumbers[type eq \"mobile\"] keeps the filtered type", user,
      ops({ op: "replace", path: "phoneNumbers[type eq \"mobile\"]", value: { value: "555-0122" } }),
      { ...user, phoneNumbers: [{ value: "555-0100", type: "work" }, { type: "mobile", value: "555-0122" }] }],
    ["RFC 7643 §2.4: adding a primary email clears the old primary", user,
      ops({ op: "add", path: "emails", value: [{ value: "new@example.com", type: "other", primary: "True" }] }),
      { ...user, emails: [
        { value: "bjensen@example.com", type: "work", primary: false }, { value: "babs@home.example", type: "home" },
        { value: "new@example.com", type: "other", primary: true },
      ] }],
    ["RFC 7643 §2.4: primary set through a filter clears the others", user,
      ops({ op: "replace", path: "emails[type eq \"home\"].primary", value: true }),
      { ...user, emails: [{ value: "bjensen@example.com", type: "work", primary: false }, { value: "babs@home.example", type: "home", primary: true }] }],
    ["no-path value keyed by the extension URN holding an object", user,
      ops({ op: "replace", value: { [EXT]: { Department: "R&D" } } }),
      { ...user, [EXT]: { department: "R&D", employeeNumber: "42" } }],
    ["path naming the whole extension", user, ops({ op: "add", path: EXT, value: { costCenter: "CC1" } }),
      { ...user, [EXT]: { department: "Sales", employeeNumber: "42", costCenter: "CC1" } }],
    ["remove an extension attribute by URN path", { ...user, [EXT]: { department: "Sales" } },
      ops({ op: "remove", path: `${EXT}:department` }), { ...user, [EXT]: undefined }],
    ["remove name.givenName", user, ops({ op: "remove", path: "name.givenName" }), { ...user, name: { familyName: "Jensen" } }],
    ["remove emails[type eq \"home\"]", user, ops({ op: "remove", path: "emails[type eq \"home\"]" }),
      { ...user, emails: [{ value: "bjensen@example.com", type: "work", primary: true }] }],
    ["Entra-style remove with a value list on a multi-valued attribute", user,
      ops({ op: "Remove", path: "emails", value: [{ value: "babs@home.example" }] }),
      { ...user, emails: [{ value: "bjensen@example.com", type: "work", primary: true }] }],
    ["add emails appends and skips an identical element", user,
      ops({ op: "add", path: "emails", value: [{ value: "babs@home.example", type: "home" }, { value: "x@y.z", type: "other" }] }),
      { ...user, emails: [...(user.emails as Json[]), { value: "x@y.z", type: "other" }] }],
    ["replace emails swaps the whole list", user, ops({ op: "replace", path: "emails", value: [{ value: "only@x.y" }] }),
      { ...user, emails: [{ value: "only@x.y" }] }],
    ["add a single email object (not an array)", bare, ops({ op: "add", path: "emails", value: { Value: "a@b.c", Type: "work" } }),
      { ...bare, emails: [{ value: "a@b.c", type: "work" }] }],
    ["Entra Logic App null update: null removes the attribute", { ...user, title: "Boss" },
      ops({ op: "replace", path: "title", value: null }), user],
    ["Entra Logic App null update: \"\" is stored as sent", user, ops({ op: "replace", path: "title", value: "" }), { ...user, title: "" }],
    ["attribute names in any case", user, ops({ op: "Replace", path: "NAME.GIVENNAME", value: "B" }, { op: "Replace", path: "DisplayName", value: "D" }),
      { ...user, displayName: "D", name: { givenName: "B", familyName: "Jensen" } }],
    ["Entra validator: roles with primary \"True\"", bare,
      ops({ op: "add", path: "roles", value: [{ primary: "True", display: "Admin", value: "admin", type: "WindowsAzureActiveDirectoryRole" }] }),
      { ...bare, roles: [{ primary: true, display: "Admin", value: "admin", type: "WindowsAzureActiveDirectoryRole" }] }],
    ["an unknown attribute is stored as sent", bare, ops({ op: "add", path: "favouriteColour", value: "teal" }), { ...bare, favouriteColour: "teal" }],
    ["Entra custom extension attribute", bare,
      ops({ op: "add", path: "urn:ietf:params:scim:schemas:extension:CustomExtension:2.0:User:costCode", value: "C9" }),
      { ...bare, "urn:ietf:params:scim:schemas:extension:CustomExtension:2.0:User": { costCode: "C9" } }],
    ["Okta password sync is dropped, never stored", user, ops({ op: "replace", value: { password: "s3cret" } }), user],
    ["replace of a complex attribute merges sub-attributes (RFC 7644 §3.5.2.3)", user,
      ops({ op: "replace", path: "name", value: { middleName: "J" } }),
      { ...user, name: { givenName: "Barbara", familyName: "Jensen", middleName: "J" } }],
    ["Entra validator preview: several ops on the same attribute", user, ops(
      { op: "add", path: "title", value: "A" }, { op: "replace", path: "title", value: "B" }, { op: "remove", path: "title" },
    ), user],
    ["no-path value ignores meta and schemas (RFC 7643 §7)", user,
      ops({ op: "replace", value: { schemas: ["x"], meta: { resourceType: "User" }, title: "T" } }), { ...user, title: "T" }],
  ])("%s", (_name, before, body, expected) => {
    const snapshot = structuredClone(before);
    const result = patch(before, body);
    expect(result.resource).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(result.memberOps).toEqual([]);
    expect(before).toEqual(snapshot);
  });

  it.each<[string, Json, boolean]>([
    ["Entra: empty Operations is a no-op", ops(), false],
    ["removing an absent attribute changes nothing and is not an error", ops({ op: "remove", path: "nickName" }), false],
    ["removing from an absent filter target changes nothing", ops({ op: "remove", path: "ims[type eq \"aim\"]" }), false],
    ["replacing with the same value changes nothing", ops({ op: "replace", path: "active", value: "True" }), false],
    ["a real change", ops({ op: "replace", path: "title", value: "CEO" }), true],
  ])("changed: %s", (_name, body, changed) => {
    expect(patch(user, body).changed).toBe(changed);
  });

  it.each<[string, Json, Json, number, string]>([
    ["remove without a path", user, ops({ op: "remove" }), 400, "noTarget"],
    ["replace id", user, ops({ op: "replace", path: "id", value: "other" }), 400, "mutability"],
    ["replace meta.lastModified", user, ops({ op: "replace", path: "meta.lastModified", value: "2020-01-01" }), 400, "mutability"],
    ["add groups", user, ops({ op: "add", path: "groups", value: [{ value: "g1" }] }), 400, "mutability"],
    ["replace the manager's readOnly displayName", user, ops({ op: "replace", path: `${EXT}:manager.displayName`, value: "x" }), 400, "mutability"],
    ["no-path value carrying a different id", user, ops({ op: "replace", value: { id: "someone-else" } }), 400, "mutability"],
    ["replace userName with a number", user, ops({ op: "replace", path: "userName", value: 42 }), 400, "invalidValue"],
    ["replace userName with an empty string", user, ops({ op: "replace", path: "userName", value: "" }), 400, "invalidValue"],
    ["remove userName", user, ops({ op: "remove", path: "userName" }), 400, "mutability"],
    ["active that is not a boolean", user, ops({ op: "replace", path: "active", value: "maybe" }), 400, "invalidValue"],
    ["name.givenName that is a number", user, ops({ op: "replace", path: "name.givenName", value: 5 }), 400, "invalidValue"],
    ["two managers", user, ops({ op: "add", path: "manager", value: [{ value: "a" }, { value: "b" }] }), 400, "invalidValue"],
    ["no-path value that is not an object", user, ops({ op: "replace", value: "x" }), 400, "invalidValue"],
    ["emails element that is not an object", user, ops({ op: "add", path: "emails", value: ["a@b.c"] }), 400, "invalidValue"],
    ["replace through a non-eq filter that matches nothing", user,
      ops({ op: "replace", path: "emails[value co \"nobody\"].value", value: "x" }), 400, "noTarget"],
    ["a malformed path", user, ops({ op: "replace", path: "emails[type eq", value: "x" }), 400, "invalidPath"],
    ["a filter on a single-valued attribute", user, ops({ op: "replace", path: "name[givenName eq \"B\"].familyName", value: "x" }), 400, "invalidPath"],
    ["the whole request fails when a later op fails", user,
      ops({ op: "replace", path: "title", value: "ok" }, { op: "replace", path: "id", value: "x" }), 400, "mutability"],
  ])("rejects %s", (_name, before, body, status, scimType) => {
    const snapshot = structuredClone(before);
    const error = catchScimError(() => patch(before, body));
    expect({ status: error.status, scimType: error.scimType }).toEqual({ status, scimType });
    expect(before).toEqual(snapshot);
  });
});

const group: Json = { displayName: "Sales", externalId: "g-ext" };

describe("PATCH /scim/v2/{dir}/Groups/{id}", () => {
  it.each<[string, Json, Json, MemberOp[]]>([
    ["Entra MS-TUT: rename", ops({ op: "Replace", path: "displayName", value: "1879db59updatedDisplayName" }),
      { ...group, displayName: "1879db59updatedDisplayName" }, []],
    ["Entra MS-TUT: Add members with \"$ref\": null", ops({ op: "Add", path: "members", value: [{ $ref: null, value: "f648f8d5ea4e4cd38e9c" }] }),
      group, [{ kind: "add", members: [{ value: "f648f8d5ea4e4cd38e9c" }] }]],
    ["Entra default: Remove members with a value list", ops({ op: "Remove", path: "members", value: [{ $ref: null, value: "f648f8d5ea4e4cd38e9c" }] }),
      group, [{ kind: "remove", values: ["f648f8d5ea4e4cd38e9c"] }]],
    ["Entra default (MS-COMPAT): Remove members [{value:\"u1091\"}]", ops({ op: "Remove", path: "members", value: [{ value: "u1091" }] }),
      group, [{ kind: "remove", values: ["u1091"] }]],
    ["Entra aadOptscim062020: remove members[value eq \"…\"]", ops({ op: "remove", path: "members[value eq \"7f4bc1a3-285e-48ae-8202-5accb43efb0e\"]" }),
      group, [{ kind: "remove", values: ["7f4bc1a3-285e-48ae-8202-5accb43efb0e"] }]],
    ["Entra validator: \"Add Member\" is a replace of members", ops({ op: "replace", path: "members", value: [{ value: "805d32c6" }] }),
      group, [{ kind: "replace", members: [{ value: "805d32c6" }] }]],
    ["Entra validator preview: add then remove the same member", ops(
      { op: "add", path: "members", value: [{ value: "761ac150" }] }, { op: "remove", path: "members[value eq \"761ac150\"]" },
    ), group, [{ kind: "add", members: [{ value: "761ac150" }] }, { kind: "remove", values: ["761ac150"] }]],
    ["Entra validator: no-path replace of externalId", ops({ op: "replace", value: { externalId: "663fa3a8" } }),
      { ...group, externalId: "663fa3a8" }, []],
    ["Entra validator: no-path replace of displayName", ops({ op: "replace", value: { displayName: "WUZPWMBDDCGI" } }),
      { ...group, displayName: "WUZPWMBDDCGI" }, []],
    ["Okta Group Push: no-path rename that repeats the id", ops({ op: "replace", value: { id: "res-1", displayName: "Test SCIMv2" } }),
      { ...group, displayName: "Test SCIMv2" }, []],
    ["Okta Group Push: remove by filter and add with display in one request", ops(
      { op: "remove", path: "members[value eq \"89bb1940-b905-4575-9e7f-6f887cfb368e\"]" },
      { op: "add", path: "members", value: [{ value: "23a35c27-23d3-4c03-b4c5-6443c09e7173", display: "test.user@okta.local" }] },
    ), group, [
      { kind: "remove", values: ["89bb1940-b905-4575-9e7f-6f887cfb368e"] },
      { kind: "add", members: [{ value: "23a35c27-23d3-4c03-b4c5-6443c09e7173", display: "test.user@okta.local" }] },
    ]],
    ["Okta Group Push: full push replaces all members", ops({ op: "replace", path: "members", value: [
      { value: "23a35c27", display: "test.user@okta.local" }, { value: "89bb1940", display: "test.user@okta.local" },
    ] }), group, [{ kind: "replace", members: [{ value: "23a35c27", display: "test.user@okta.local" }, { value: "89bb1940", display: "test.user@okta.local" }] }]],
    ["Microsoft collection: add member with displayName", ops({ name: "addMember", op: "add", path: "members", value: [{ displayName: "new User", value: "id4" }] }),
      group, [{ kind: "add", members: [{ value: "id4", display: "new User" }] }]],
    ["Microsoft collection: remove members[value eq]", ops({ op: "remove", path: "members[value eq \"id4\"]" }),
      group, [{ kind: "remove", values: ["id4"] }]],
    ["Microsoft collection: remove all users (path members, no value)", ops({ op: "remove", path: "members" }), group, [{ kind: "removeAll" }]],
    ["Microsoft collection: add a member as a bare string", { id: "res-1", ...ops({ op: "add", path: "members", value: "string id 1" }) },
      group, [{ kind: "add", members: [{ value: "string id 1" }] }]],
    ["a single member object", ops({ op: "add", path: "members", value: { Value: "u1", Display: "U" } }), group,
      [{ kind: "add", members: [{ value: "u1", display: "U" }] }]],
    ["replace members with an empty list removes all", ops({ op: "replace", path: "members", value: [] }), group, [{ kind: "removeAll" }]],
    ["no-path replace of members", ops({ op: "replace", value: { members: [{ value: "u1" }] } }), group,
      [{ kind: "replace", members: [{ value: "u1" }] }]],
    ["remove two members with an or filter", ops({ op: "remove", path: "members[value eq \"a\" or value eq \"b\"]" }), group,
      [{ kind: "remove", values: ["a", "b"] }]],
    ["duplicate members in one add are sent once", ops({ op: "add", path: "members", value: [{ value: "a" }, { value: "a" }] }), group,
      [{ kind: "add", members: [{ value: "a" }] }]],
  ])("%s", (_name, body, expected, memberOps) => {
    const result = patch(group, body, "Group");
    expect(result.resource).toEqual(expected);
    expect(result.memberOps).toEqual(memberOps);
    expect(result.changed).toBe(memberOps.length > 0 || JSON.stringify(expected) !== JSON.stringify(group));
  });

  it.each<[string, Json, number, string]>([
    ["rename to an empty string", ops({ op: "replace", path: "displayName", value: "" }), 400, "invalidValue"],
    ["rename to a number", ops({ op: "replace", value: { displayName: 7 } }), 400, "invalidValue"],
    ["members selected by display", ops({ op: "remove", path: "members[display eq \"x\"]" }), 400, "invalidFilter"],
    ["a member without value", ops({ op: "add", path: "members", value: [{ display: "x" }] }), 400, "invalidValue"],
    ["replace through a members filter", ops({ op: "replace", path: "members[value eq \"x\"]", value: { value: "y" } }), 400, "invalidPath"],
    ["a member sub-attribute", ops({ op: "replace", path: "members.display", value: "y" }), 400, "invalidPath"],
    ["Okta-style rename carrying another group's id", ops({ op: "replace", value: { id: "other", displayName: "X" } }), 400, "mutability"],
  ])("rejects %s", (_name, body, status, scimType) => {
    const error = catchScimError(() => patch(group, body, "Group"));
    expect({ status: error.status, scimType: error.scimType }).toEqual({ status, scimType });
  });
});

describe("matchesFilter", () => {
  const emails = USER_SCHEMA.attributes.find((a) => a.name === "emails");
  const meta = USER_SCHEMA.attributes.find((a) => a.name === "meta");
  it.each<[string, unknown, boolean]>([
    ['type eq "WORK"', { type: "work" }, true],
    ['type eq "work"', { type: "home" }, false],
    ['Type eq "work"', { type: "work" }, true],
    ['type ne "work"', { type: "home" }, true],
    ['type ne "work"', {}, true],
    ['value co "EXAMPLE"', { value: "a@example.com" }, true],
    ['value sw "a@"', { value: "a@example.com" }, true],
    ['value ew ".org"', { value: "a@example.com" }, false],
    ['value gt "a"', { value: "b" }, true],
    ['value ge "b"', { value: "b" }, true],
    ['value lt "b"', { value: "a" }, true],
    ['value le "a"', { value: "b" }, false],
    ["primary eq true", { primary: true }, true],
    ["primary eq true", { primary: false }, false],
    ["primary pr", { primary: false }, true],
    ["display pr", { display: "" }, false],
    ['type eq "work" and primary eq true', { type: "work", primary: true }, true],
    ['type eq "home" or primary eq true', { type: "work", primary: true }, true],
    ['not (type eq "work")', { type: "work" }, false],
    ['value eq "x"', "x", true],
  ])("%s on %j → %s", (filter, element, expected) => {
    expect(matchesFilter(element, parseFilter(filter), emails)).toBe(expected);
  });

  it("compares caseExact sub-attributes exactly", () => {
    expect(matchesFilter({ version: 'W/"A"' }, parseFilter('version eq "w/\\"a\\""'), meta)).toBe(false);
    expect(matchesFilter({ resourceType: "User" }, parseFilter('resourceType eq "User"'), meta)).toBe(true);
  });
});

function catchScimError(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error("expected a ScimError");
}

// Issue 12, item 14: a user without `active` counts as active, so unassigning it used to reactivate a deactivated
// user. An external SCIM suite found it with `remove`; null and the no-path forms unassign it just the same.
describe("PATCH /scim/v2/{dir}/Users/{id}: a removal never reactivates (issue 12)", () => {
  const deactivated: Json = { ...user, active: false };
  it.each<[string, Json]>([
    ["remove active", ops({ op: "remove", path: "active" })],
    ["Remove ACTIVE in Entra's case", ops({ op: "Remove", path: "ACTIVE" })],
    ["remove by the URN-qualified path", ops({ op: "remove", path: "urn:ietf:params:scim:schemas:core:2.0:User:active" })],
    ["replace active with null", ops({ op: "replace", path: "active", value: null })],
    ["no-path replace with active null", ops({ op: "replace", value: { active: null } })],
  ])("%s keeps the user deactivated and changes nothing", (_name, body) => {
    const result = patch(deactivated, body);
    expect(result.resource.active).toBe(false);
    expect(result.changed).toBe(false);
  });

  it("an explicit active true still reactivates", () => {
    expect(patch(deactivated, ops({ op: "replace", path: "active", value: true })).resource.active).toBe(true);
  });
});

// Issue 12, item 3: whatever is stored is served by SCIM GET, the API, the console and webhooks.
describe("PATCH never stores a password, at any depth (issue 12)", () => {
  it.each<[string, Json]>([
    ["the core password (writeOnly)", ops({ op: "replace", path: "password", value: "s3cret" })],
    ["the Enterprise extension's password by path", ops({ op: "add", path: `${EXT}:password`, value: "s3cret" })],
    ["the Enterprise extension's password in a no-path value", ops({ op: "replace", value: { [EXT]: { password: "s3cret" } } })],
    ["another extension's Password", ops({ op: "add", path: "urn:example:params:scim:schemas:extension:acme:2.0:User", value: { Password: "s3cret" } })],
    ["a password inside a complex attribute", ops({ op: "add", path: "name", value: { password: "s3cret" } })],
    ["a password inside an unknown attribute", ops({ op: "add", path: "x-custom", value: { deep: [{ PASSWORD: "s3cret" }] } })],
  ])("%s", (_name, body) => {
    expect(JSON.stringify(patch(user, body).resource)).not.toMatch(/s3cret|password/i);
  });

  it("a stored password from before is dropped by the next change", () => {
    const result = patch({ ...user, [EXT]: { department: "Sales", password: "old" } }, ops({ op: "replace", path: "title", value: "CEO" }));
    expect(result.resource[EXT]).toEqual({ department: "Sales" });
  });
});
