import type { SqlMapping } from "./filter-to-sql";

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user";

/**
 * Where each filterable User attribute lives. Indexed columns answer the filters identity providers send
 * (Entra: userName, externalId; Okta: userName); everything else reads the stored JSON.
 */
export const USER_SQL: SqlMapping = {
  columns: {
    id: { sql: `u."id"`, type: "string", caseExact: true },
    username: { sql: `u."userName"`, type: "string", caseExact: false, citext: true },
    externalid: { sql: `u."externalId"`, type: "string", caseExact: true },
    displayname: { sql: `u."displayName"`, type: "string", caseExact: false, citext: true },
    "name.givenname": { sql: `u."givenName"`, type: "string", caseExact: false, citext: true },
    "name.familyname": { sql: `u."familyName"`, type: "string", caseExact: false, citext: true },
    active: { sql: `u."active"`, type: "boolean", caseExact: false },
    "meta.created": { sql: `u."createdAt"`, type: "dateTime", caseExact: false },
    "meta.lastmodified": { sql: `u."updatedAt"`, type: "dateTime", caseExact: false },
  },
  multiValued: {
    groups: {
      source: {
        kind: "table",
        from: `"GroupMember" gm`,
        where: `gm."directoryId" = u."directoryId" AND gm."userId" = u."id"`,
        subColumns: { value: { sql: `gm."groupId"`, type: "string", caseExact: true } },
      },
      caseExactSubs: ["value"],
    },
  },
  json: `u."attributes"`,
  extensionUrns: [ENTERPRISE],
  coreUrn: "urn:ietf:params:scim:schemas:core:2.0:user",
};

export const GROUP_SQL: SqlMapping = {
  columns: {
    id: { sql: `g."id"`, type: "string", caseExact: true },
    displayname: { sql: `g."displayName"`, type: "string", caseExact: false, citext: true },
    externalid: { sql: `g."externalId"`, type: "string", caseExact: true },
    "meta.created": { sql: `g."createdAt"`, type: "dateTime", caseExact: false },
    "meta.lastmodified": { sql: `g."updatedAt"`, type: "dateTime", caseExact: false },
  },
  multiValued: {
    members: {
      source: {
        kind: "table",
        from: `"GroupMember" gm`,
        where: `gm."directoryId" = g."directoryId" AND gm."groupId" = g."id"`,
        subColumns: { value: { sql: `gm."userId"`, type: "string", caseExact: true } },
      },
      caseExactSubs: ["value"],
    },
  },
  json: `g."attributes"`,
  extensionUrns: [],
  coreUrn: "urn:ietf:params:scim:schemas:core:2.0:group",
};
