import { describe, expect, it } from "vitest";
import {
  isAttributeReturned, projectResource, toScimGroup, toScimListResponse, toScimUser, userColumnsFrom,
  type Projection, type ScimResourceRecord,
} from "./resources";
import { ENTERPRISE_USER_URN as EXT, GROUP_URN, LIST_RESPONSE_URN, USER_URN } from "./schemas";

type Json = Record<string, unknown>;
const baseUrl = "http://localhost:3000/scim/v2/dir_1";
const createdAt = new Date("2025-01-02T03:04:05.000Z");
const updatedAt = new Date("2025-02-03T04:05:06.000Z");

const userRecord: ScimResourceRecord = {
  id: "usr_1",
  attributes: {
    userName: "bjensen@example.com",
    externalId: "ext-1",
    name: { givenName: "Barbara", familyName: "Jensen" },
    emails: [{ value: "b@work.example", type: "work", primary: true }, { value: "b@home.example", type: "home" }],
    [EXT]: { department: "Sales", manager: { value: "usr_2" } },
    "urn:acme:2.0:User": { badge: "B1" },
    "urn:empty:2.0:User": {},
    password: "never-returned",
  },
  createdAt,
  updatedAt,
  version: 3,
  groups: [{ value: "grp_1", display: "Sales" }],
};

const meta = (type: string, id: string) => ({
  resourceType: type, created: createdAt.toISOString(), lastModified: updatedAt.toISOString(),
  location: `${baseUrl}/${type}s/${id}`, version: 'W/"3"',
});

describe("toScimUser", () => {
  it("serializes schemas, id, stored attributes, groups and meta; never the password", () => {
    expect(toScimUser(userRecord, baseUrl)).toEqual({
      schemas: [USER_URN, EXT, "urn:acme:2.0:User"],
      id: "usr_1",
      userName: "bjensen@example.com",
      externalId: "ext-1",
      name: { givenName: "Barbara", familyName: "Jensen" },
      emails: [{ value: "b@work.example", type: "work", primary: true }, { value: "b@home.example", type: "home" }],
      [EXT]: { department: "Sales", manager: { value: "usr_2" } },
      "urn:acme:2.0:User": { badge: "B1" },
      active: true,
      groups: [{ value: "grp_1", display: "Sales", $ref: `${baseUrl}/Groups/grp_1`, type: "direct" }],
      meta: meta("User", "usr_1"),
    });
  });

  it.each<[string, Json, unknown]>([
    ["Okta spec test and Entra validator need active: absent means true", { userName: "u" }, true],
    ["a deactivated user stays false", { userName: "u", active: false }, false],
  ])("%s", (_name, attributes, active) => {
    expect(toScimUser({ ...userRecord, attributes, groups: [] }, baseUrl)).toMatchObject({ schemas: [USER_URN], active });
  });

  it("stored id, meta and schemas cannot override the server's", () => {
    const out = toScimUser({ ...userRecord, attributes: { userName: "u", id: "x", meta: { version: "1" }, schemas: ["y"] } }, baseUrl);
    expect(out).toMatchObject({ id: "usr_1", schemas: [USER_URN], meta: meta("User", "usr_1") });
    expect(out).not.toHaveProperty("groups", []);
  });
});

describe("toScimGroup", () => {
  const groupRecord: ScimResourceRecord = { id: "grp_1", attributes: { displayName: "Sales", externalId: "e" }, createdAt, updatedAt, version: 3 };

  it.each<[string, { value: string; display?: string }[] | undefined, Json]>([
    ["members get $ref and type User", [{ value: "usr_1", display: "Babs" }, { value: "usr_2" }], {
      members: [
        { value: "usr_1", display: "Babs", $ref: `${baseUrl}/Users/usr_1`, type: "User" },
        { value: "usr_2", $ref: `${baseUrl}/Users/usr_2`, type: "User" },
      ],
    }],
    ["no members loaded: no members key (Entra's excludedAttributes=members)", undefined, {}],
    ["an empty group", [], { members: [] }],
  ])("%s", (_name, members, extra) => {
    expect(toScimGroup(groupRecord, members, baseUrl)).toEqual({
      schemas: [GROUP_URN], id: "grp_1", displayName: "Sales", externalId: "e", ...extra, meta: meta("Group", "grp_1"),
    });
  });
});

describe("toScimListResponse", () => {
  it("answers Okta's empty lookup with integers and a 1-based startIndex", () => {
    expect(toScimListResponse([], { totalResults: 0, startIndex: 1 })).toEqual({
      schemas: [LIST_RESPONSE_URN], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [],
    });
  });
  it("itemsPerPage is the page size returned (Microsoft collection \"Paginate\")", () => {
    expect(toScimListResponse([{ id: "a" }, { id: "b" }], { totalResults: 5, startIndex: 1 })).toMatchObject({ totalResults: 5, itemsPerPage: 2 });
  });
});

describe("projectResource (RFC 7644 §3.4.2.5)", () => {
  const user = toScimUser(userRecord, baseUrl);
  const always = { schemas: user.schemas, id: "usr_1" };
  const { meta: _meta, ...withoutMeta } = user;

  it.each<[string, Projection, Json]>([
    ["attributes=userName keeps id and schemas", { attributes: ["userName"] }, { ...always, userName: "bjensen@example.com" }],
    ["Microsoft collection attributes=userName,emails", { attributes: ["userName", "emails"] },
      { ...always, userName: "bjensen@example.com", emails: user.emails }],
    ["attribute names in any case", { attributes: ["USERNAME"] }, { ...always, userName: "bjensen@example.com" }],
    ["a sub-attribute", { attributes: ["name.givenName"] }, { ...always, name: { givenName: "Barbara" } }],
    ["a sub-attribute of a multi-valued attribute", { attributes: ["emails.value"] },
      { ...always, emails: [{ value: "b@work.example" }, { value: "b@home.example" }] }],
    ["Microsoft collection attributes=emails[type eq \"work\"] returns emails", { attributes: ['emails[type eq "work"]'] },
      { ...always, emails: user.emails }],
    ["a URN-qualified extension attribute", { attributes: [`${EXT}:department`] }, { ...always, [EXT]: { department: "Sales" } }],
    ["a URN-qualified sub-attribute", { attributes: [`${EXT}:manager.value`] }, { ...always, [EXT]: { manager: { value: "usr_2" } } }],
    ["a whole extension by its URN", { attributes: [EXT] }, { ...always, [EXT]: user[EXT] as Json }],
    ["a core attribute qualified with the core URN", { attributes: [`${USER_URN}:userName`] }, { ...always, userName: "bjensen@example.com" }],
    ["attributes=id", { attributes: ["id"] }, always],
    ["excludedAttributes=meta", { excludedAttributes: ["meta"] }, withoutMeta],
    ["excludedAttributes=id cannot remove id", { excludedAttributes: ["id", "meta"] }, withoutMeta],
    ["excludedAttributes of a sub-attribute", { excludedAttributes: ["name.familyName", "meta"] }, { ...withoutMeta, name: { givenName: "Barbara" } }],
    ["excludedAttributes of an extension attribute", { excludedAttributes: [`${EXT}:manager`, "meta"] },
      { ...withoutMeta, [EXT]: { department: "Sales" } }],
    ["attributes wins over excludedAttributes", { attributes: ["userName"], excludedAttributes: ["userName"] },
      { ...always, userName: "bjensen@example.com" }],
  ])("%s", (_name, projection, expected) => {
    expect(projectResource(user, projection, "User")).toEqual(expected);
  });

  it("never returns a password, even when asked", () => {
    expect(projectResource({ ...user, password: "x" }, { attributes: ["password", "userName"] }, "User")).not.toHaveProperty("password");
    expect(projectResource({ ...user, password: "x" }, {}, "User")).not.toHaveProperty("password");
  });

  it("Entra excludedAttributes=members on a group", () => {
    const group = toScimGroup({ ...userRecord, attributes: { displayName: "G" } }, [{ value: "u" }], baseUrl);
    expect(projectResource(group, { excludedAttributes: ["members"] }, "Group")).not.toHaveProperty("members");
  });

  it.each<[string, Projection, boolean]>([
    ["no projection", {}, true],
    ["Entra excludedAttributes=members", { excludedAttributes: ["members"] }, false],
    ["attributes without members", { attributes: ["displayName"] }, false],
    ["attributes with a member sub-attribute", { attributes: ["members.value"] }, true],
    ["excluding a member sub-attribute still needs members", { excludedAttributes: ["members.display"] }, true],
  ])("isAttributeReturned(members): %s", (_name, projection, expected) => {
    expect(isAttributeReturned("Group", "members", projection)).toBe(expected);
  });
});

describe("userColumnsFrom", () => {
  it.each<[string, Json, Json]>([
    ["the primary email", { userName: "u", emails: [{ value: "a", type: "home" }, { value: "b", primary: true }] }, { email: "b" }],
    ["else the first work email", { userName: "u", emails: [{ value: "a", type: "home" }, { value: "b", type: "Work" }] }, { email: "b" }],
    ["else the first email", { userName: "u", emails: [{ value: "a", type: "home" }, { value: "b", type: "other" }] }, { email: "a" }],
    ["no email", { userName: "u" }, { email: null }],
    ["active defaults to true", { userName: "u" }, { active: true }],
    ["active false", { userName: "u", active: false }, { active: false }],
    ["names and ids", { userName: "u", externalId: "x", displayName: "D", name: { givenName: "G", familyName: "F" } },
      { userName: "u", externalId: "x", displayName: "D", givenName: "G", familyName: "F" }],
    ["absent names are null", { userName: "u" }, { externalId: null, displayName: null, givenName: null, familyName: null }],
  ])("%s", (_name, attributes, expected) => {
    expect(userColumnsFrom(attributes)).toMatchObject(expected);
  });
});
