import { expect, test } from "../fixtures";
import { newDirectory } from "../support/cli";
import { sql } from "../support/db";
import { PATCH_URN, scimClient, userBody } from "../support/scim";

type Entry = { method: string; path: string; query: string | null; status: number; actions: string[]; requestBody: unknown; tokenPrefix: string | null; userAgent: string | null; errorDetail: string | null; scimType: string | null; resourceId: string | null; latencyMs: number };

test.describe("the sync log of /scim/v2/{dir}", () => {
  test("N requests of every kind leave exactly N entries, in order, with status, actions and secrets redacted", async () => {
    const dir = newDirectory("okta");
    await new Promise((r) => setTimeout(r, 50)); // let keep-alive sockets idle out after the blocking CLI call
    const scim = scimClient(dir);
    const statuses: number[] = [];
    const record = async (p: Promise<{ status: number; body?: Record<string, unknown> }>) => {
      const res = await p;
      statuses.push(res.status);
      return res;
    };

    await record(scim.get("/ServiceProviderConfig"));
    await record(scim.get('/Users?filter=userName eq "nobody@acme.com"'));
    const created = await record(scim.post("/Users", { ...userBody("alice@acme.com"), password: "Sup3r-Secret!" }));
    const id = String(created.body?.id);
    await record(scim.post("/Users", userBody("ALICE@acme.com")));
    await record(scim.get(`/Users/${id}`));
    await record(scim.patch(`/Users/${id}`, { schemas: [PATCH_URN], Operations: [{ op: "replace", path: "password", value: "An0ther-Secret!" }, { op: "Replace", path: "active", value: "False" }] }));
    await record(scim.get('/Users?filter=userName eq'));
    await record(scim.get("/Users/usr_missing"));
    await record(scim.post("/Groups", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Eng", members: [{ value: id }] }));
    await record(scim.request("POST", "/Users", "x".repeat(1_100_000)));
    await record(scim.request("GET", "/Users", undefined, { Authorization: "Bearer rc_scim_not-a-real-token" }));
    await record(scim.delete(`/Users/${id}`));

    const entries = await sql<Entry>(`SELECT * FROM "SyncLogEntry" WHERE "directoryId" = $1 ORDER BY "id"`, [dir.id]);
    expect(entries.map((e) => e.status)).toEqual(statuses);
    expect(statuses).toEqual([200, 200, 201, 409, 200, 200, 400, 404, 201, 413, 401, 204]);
    expect(entries.map((e) => e.method)).toEqual(["GET", "GET", "POST", "POST", "GET", "PATCH", "GET", "GET", "POST", "POST", "GET", "DELETE"]);
    expect(entries[2]!.actions).toEqual(["user.created", "account.created"]);
    expect(entries[3]!.scimType).toBe("uniqueness");
    expect(entries[5]!.actions).toEqual(["user.deactivated", "account.deactivated"]);
    expect(entries[6]).toMatchObject({ scimType: "invalidFilter", query: 'filter=userName eq' });
    expect(entries[8]!.actions).toEqual(["group.created", "group.member_added"]);
    expect(entries[10]!.tokenPrefix).toBe("rc_scim_not-a-");
    expect(entries[11]!.actions).toEqual(["user.deleted"]);
    for (const e of entries) {
      expect(e.userAgent).toBeTruthy();
      expect(e.latencyMs).toBeGreaterThanOrEqual(0);
    }
    const everything = JSON.stringify(entries);
    expect(everything).not.toContain("Sup3r-Secret!");
    expect(everything).not.toContain("An0ther-Secret!");
    expect(everything).not.toContain(dir.token);
    expect(JSON.stringify(entries[2]!.requestBody)).toContain("[REDACTED]");
  });

  test("requests that fail in the middle of a change leave one entry and no half-written change", async () => {
    const dir = newDirectory("entra");
    await new Promise((r) => setTimeout(r, 50));
    const scim = scimClient(dir);
    const user = await scim.post("/Users", userBody("bob@acme.com"));
    const res = await scim.patch(`/Users/${String(user.body?.id)}`, { schemas: [PATCH_URN], Operations: [{ op: "replace", path: "displayName", value: "Bob" }, { op: "replace", path: "active", value: "maybe" }] });
    expect(res.status, res.text).toBe(400);
    const entries = await sql<Entry>(`SELECT * FROM "SyncLogEntry" WHERE "directoryId" = $1 ORDER BY "id"`, [dir.id]);
    expect(entries.map((e) => [e.method, e.status, e.actions])).toEqual([["POST", 201, ["user.created", "account.created"]], ["PATCH", 400, []]]);
    const [row] = await sql<{ displayName: string | null }>(`SELECT "displayName"::text FROM "DirectoryUser" WHERE "id" = $1`, [user.body?.id]);
    expect(row!.displayName).toBeNull();
  });
});
