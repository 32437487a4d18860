// A `userName eq` lookup (issue 13) is answered by one probe of the (directoryId, userName) index instead of the
// general list. Its answer must be exactly what the general list answers for the same query, in every form a provider
// may send it, and it must log itself as a list does.
import { beforeAll, describe, expect, it } from "vitest";
import { ScimRequestLog } from "@/lib/audit/scim-request-log";
import { sql } from "@/lib/db/sql";
import { parseFilter } from "@/lib/scim/filter";
import { createUserBodySchema, listQuerySchema } from "@/lib/scim/requests";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { createTestDirectory } from "@/lib/testing/test-directory";
import { createGroup } from "./create-group";
import { createUser } from "./create-user";
import { listUsers } from "./list-users";
import { pageGroupsJoin } from "./load-user-groups";
import { lookUpUserName, userNameEquals } from "./look-up-user-name";
import { queryResources } from "./query-resources";
import { USER_SQL } from "./sql-mappings";
import type { ProvisioningDirectory } from "./types";

setupTestDatabase();

let acme: ProvisioningDirectory;
let other: ProvisioningDirectory;

async function addUser(dir: ProvisioningDirectory, userName: string) {
  const body = createUserBodySchema.parse({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName, name: { givenName: "Ada" }, emails: [{ value: userName, primary: true }] });
  return (await createUser({ directory: dir, body })).id;
}

/** What the general list, which every other filter takes, answers for `params`. */
async function generalList(dir: ProvisioningDirectory, params: Record<string, string>, withGroups: boolean) {
  const query = listQuerySchema.parse(params);
  const { totalResults, rows } = await queryResources({ name: "DirectoryUser", alias: "u", mapping: USER_SQL }, dir.id, query, { pageJoin: withGroups ? pageGroupsJoin("u") : undefined });
  // Its rows also carry the total, which the serializer does not read.
  return { totalResults, users: rows.map(({ total: _, ...row }: typeof rows[number] & { total?: number }) => row) };
}

const logFor = (dir: ProvisioningDirectory) => new ScimRequestLog({
  organizationId: dir.organizationId, directoryId: dir.id, method: "GET", path: `/scim/v2/${dir.id}/Users`, query: "filter=…",
  tokenPrefix: null, clientIp: null, userAgent: null,
});

beforeAll(async () => {
  const a = await createTestDirectory({ name: "Acme" });
  const b = await createTestDirectory({ name: "Other" });
  acme = { id: a.directoryId, organizationId: a.organizationId, syncMode: "FULL" };
  other = { id: b.directoryId, organizationId: b.organizationId, syncMode: "FULL" };
  const ada = await addUser(acme, "Ada@Acme.example");
  await addUser(acme, "bob@acme.example");
  // Another tenant's user of the same userName: never part of Acme's answer.
  await addUser(other, "ada@acme.example");
  await createGroup({ directory: acme, body: { attributes: { displayName: "Engineering" }, members: [{ value: ada }] } });
});

describe("which filters are a userName lookup", () => {
  it.each([
    ['userName eq "ada@acme.example"', "ada@acme.example"],
    ['USERNAME EQ "Ada@Acme.example"', "Ada@Acme.example"],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName eq "ada@acme.example"', "ada@acme.example"],
    ['userName eq ""', ""],
    ['userName eq 42', undefined],
    ['userName eq null', undefined],
    ['userName ne "ada@acme.example"', undefined],
    ['userName sw "ada"', undefined],
    ['userName eq "ada@acme.example" and active eq true', undefined],
    ['userName eq "ada@acme.example" or userName eq "bob@acme.example"', undefined],
    ['not (userName eq "ada@acme.example")', undefined],
    ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:userName eq "ada@acme.example"', undefined],
    ['emails[value eq "ada@acme.example"]', undefined],
    ['externalId eq "ada@acme.example"', undefined],
  ])("%s", (filter, expected) => {
    expect(userNameEquals(parseFilter(filter))).toBe(expected);
  });
});

describe("GET /Users?filter=userName eq: the same answer as the general list", () => {
  it.each<Record<string, string>>([
    { filter: 'userName eq "Ada@Acme.example"' },
    { filter: 'userName eq "ADA@ACME.EXAMPLE"' },
    { filter: 'urn:ietf:params:scim:schemas:core:2.0:User:userName eq "ada@acme.example"' },
    { filter: 'userName eq "bob@acme.example"' },
    { filter: 'userName eq "nobody@acme.example"' },
    { filter: 'userName eq "ada@acme.example"', startIndex: "2" },
    { filter: 'userName eq "ada@acme.example"', count: "0" },
    { filter: 'userName eq "ada@acme.example"', count: "1", startIndex: "1" },
  ])("%o", async (params) => {
    for (const withGroups of [true, false]) {
      const general = await generalList(acme, params, withGroups);
      const query = listQuerySchema.parse(params);
      const userName = userNameEquals(parseFilter(query.filter!))!;
      expect(await lookUpUserName({ directoryId: acme.id, userName, query, withGroups })).toEqual(general);
      // GET /Users takes it for these filters.
      expect(await listUsers({ directoryId: acme.id, query, withGroups })).toEqual(general);
    }
  });

  it("finds the user with its groups, and only this directory's", async () => {
    const { totalResults, users } = await listUsers({ directoryId: acme.id, query: listQuerySchema.parse({ filter: 'userName eq "ada@acme.example"' }), withGroups: true });
    expect(totalResults).toBe(1);
    expect(users).toHaveLength(1);
    expect(users[0]!.attributes.userName).toBe("Ada@Acme.example");
    expect(users[0]!.groups).toEqual([{ value: expect.stringMatching(/^grp_/), display: "Engineering" }]);
    const elsewhere = await listUsers({ directoryId: other.id, query: listQuerySchema.parse({ filter: 'userName eq "ada@acme.example"' }), withGroups: true });
    expect(elsewhere.users.map((u) => u.id)).not.toContain(users[0]!.id);
    expect(elsewhere.users[0]!.groups).toEqual([]);
  });

  it("writes one 200 entry in the sync log, found or not, as a list does", async () => {
    const count = async () => (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "SyncLogEntry" WHERE "directoryId" = $1 AND "method" = 'GET' AND "status" = 200`, [acme.id]))[0]!.n;
    const before = await count();
    for (const name of ["ada@acme.example", "nobody@acme.example"]) {
      const log = logFor(acme);
      await listUsers({ directoryId: acme.id, query: listQuerySchema.parse({ filter: `userName eq "${name}"` }), withGroups: true, log });
      expect(log.isWritten).toBe(true);
    }
    expect(await count()).toBe(before + 2);
  });
});
