// Issue 12, items 3, 7, 11 and 14: what the SCIM boundary keeps out of storage and logs, what it refuses to do at
// any size, and what it must never do to a deactivated user. Real HTTP against the production build.
import { createGlobalKey } from "../api/api-client";
import { expect, test } from "../fixtures";
import { newDirectory } from "../support/cli";
import { sql } from "../support/db";
import { ENTERPRISE_URN, PATCH_URN, scimClient, userBody } from "../support/scim";

const SECRET = "Hunter2-Sup3r-Secret";

/** The CLI blocks this process; a pause lets kept-alive sockets the server closed meanwhile go first. */
async function directory(provider: string) {
  const dir = newDirectory(provider);
  await new Promise((r) => setTimeout(r, 50));
  return dir;
}

async function syncLog(directoryId: string) {
  return sql<{ method: string; status: number; query: string | null; errorDetail: string | null; requestBody: unknown; repeatCount: number; clientIp: string | null }>(
    `SELECT "method", "status", "query", "errorDetail", "requestBody", "repeatCount", "clientIp" FROM "SyncLogEntry" WHERE "directoryId" = $1 ORDER BY "id"`,
    [directoryId],
  );
}

test.describe("secrets never reach the sync log or storage (issue 12, item 3)", () => {
  test("a password PATCH in every spelling the parser accepts is applied without its password being logged", async () => {
    const dir = await directory("entra");
    const scim = scimClient(dir);
    const created = await scim.post("/Users", userBody("spelling@acme.com"));
    expect(created.status, created.text).toBe(201);
    const id = String(created.body?.id);
    const bodies = [
      { schemas: [PATCH_URN], Operations: [{ op: "replace", path: "password", value: SECRET }] },
      { schemas: [PATCH_URN], operations: [{ op: "replace", path: "password", value: SECRET }] },
      { schemas: [PATCH_URN], OPERATIONS: [{ Op: "Replace", Path: "password", Value: SECRET }] },
      { schemas: [PATCH_URN], Operations: [{ OP: "add", PATH: "PASSWORD", VALUE: SECRET }] },
      { Schemas: [PATCH_URN], oPeRaTiOnS: [{ oP: "rEpLaCe", pAtH: "Password", vAlUe: SECRET }] },
      { schemas: [PATCH_URN], Operations: [{ op: "add", path: `${ENTERPRISE_URN}:password`, value: SECRET }] },
      { schemas: [PATCH_URN], Operations: [{ op: "replace", value: { [ENTERPRISE_URN]: { password: SECRET } } }] },
      { schemas: [PATCH_URN], Operations: [], operations: [{ op: "replace", path: "password", value: SECRET }] },
    ];
    for (const body of bodies) {
      const res = await scim.patch(`/Users/${id}`, body);
      expect(res.status, `${JSON.stringify(body)}: ${res.text}`).toBe(200);
      expect(res.text).not.toContain(SECRET);
    }
    const entries = await syncLog(dir.id);
    expect(entries.filter((e) => e.method === "PATCH")).toHaveLength(bodies.length);
    expect(JSON.stringify(entries)).not.toContain(SECRET);
    const [stored] = await sql(`SELECT "attributes" FROM "DirectoryUser" WHERE "id" = $1`, [id]);
    expect(JSON.stringify(stored)).not.toMatch(/password/i);
  });

  test("a password inside the Enterprise or another extension is neither stored nor returned by SCIM, the API or events", async () => {
    const dir = await directory("okta");
    const { key } = await createGlobalKey("harden-scim");
    await new Promise((r) => setTimeout(r, 50));
    const scim = scimClient(dir);
    const created = await scim.post("/Users", userBody("extension@acme.com", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE_URN],
      password: SECRET,
      [ENTERPRISE_URN]: { employeeNumber: "42", password: SECRET },
      "urn:example:params:scim:schemas:extension:acme:2.0:User": { vault: { Password: SECRET, pin: "kept" } },
    }));
    expect(created.status, created.text).toBe(201);
    expect(created.text).not.toContain(SECRET);
    const id = String(created.body?.id);
    const replaced = await scim.put(`/Users/${id}`, userBody("extension@acme.com", { [ENTERPRISE_URN]: { password: SECRET } }));
    expect(replaced.status, replaced.text).toBe(200);

    const read = await scim.get(`/Users/${id}`);
    expect(read.text).not.toContain(SECRET);
    const api = await fetch(`${process.env.ROLLCALL_E2E_URL}/api/v1/directories/${dir.id}/users/${id}`, { headers: { Authorization: `Bearer ${key}` } });
    expect(api.status).toBe(200);
    expect(await api.text()).not.toContain(SECRET);
    const stored = await sql(`SELECT "attributes" FROM "DirectoryUser" WHERE "id" = $1`, [id]);
    const events = await sql(`SELECT "data" FROM "Event" WHERE "directoryId" = $1`, [dir.id]);
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.stringify([stored, events])).not.toContain(SECRET);
    expect(JSON.stringify(await syncLog(dir.id))).not.toContain(SECRET);
  });

  test("malformed JSON is refused without quoting the body, and query-string credentials are not logged", async () => {
    const dir = await directory("generic");
    const scim = scimClient(dir);
    const broken = await scim.request("POST", "/Users", `{"userName":"x","password":${SECRET}}`);
    expect(broken.status).toBe(400);
    expect(broken.body?.detail).toMatch(/^The request body is not valid JSON/);
    expect(broken.text).not.toContain(SECRET);
    const listed = await scim.get(`/Users?count=1&access_token=${SECRET}&filter=${encodeURIComponent(`externalId eq "${dir.token}"`)}`);
    expect(listed.status, listed.text).toBe(200);
    const entries = await syncLog(dir.id);
    expect(JSON.stringify(entries)).not.toContain(SECRET);
    expect(JSON.stringify(entries)).not.toContain(dir.token);
    expect(entries.at(-1)!.query).toBe('count=1&access_token=[REDACTED]&filter=externalId eq "[REDACTED]"');
  });
});

test.describe("unauthenticated requests are counted, not logged one by one (issue 12, item 11)", () => {
  test("200 requests with a wrong token leave one entry with a count of 200", async () => {
    const dir = await directory("okta");
    const wrong = scimClient({ ...dir, token: "rc_scim_wrong-token-from-an-attacker" });
    for (let batch = 0; batch < 10; batch++) {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => wrong.get(`/Users?filter=${encodeURIComponent(`userName eq "attacker text ${batch * 20 + i}"`)}`)));
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(401));
    }
    const entries = await syncLog(dir.id);
    // Two entries at most: the 200 requests may straddle a minute boundary.
    expect(entries.length).toBeLessThanOrEqual(2);
    expect(entries.reduce((sum, e) => sum + e.repeatCount, 0)).toBe(200);
    expect(entries.every((e) => e.status === 401)).toBe(true);
  });
});

test.describe("a removal never reactivates anyone (issue 12, item 14)", () => {
  test("PATCH remove of active, or replace with null, keeps a deactivated user and its account deactivated", async () => {
    const dir = await directory("okta");
    const scim = scimClient(dir);
    const created = await scim.post("/Users", userBody("stays.off@acme.com"));
    const id = String(created.body?.id);
    const off = await scim.patch(`/Users/${id}`, { schemas: [PATCH_URN], Operations: [{ op: "replace", path: "active", value: false }] });
    expect(off.body?.active).toBe(false);
    for (const operation of [{ op: "remove", path: "active" }, { op: "Remove", path: "ACTIVE" }, { op: "replace", path: "active", value: null }, { op: "replace", value: { active: null } }]) {
      const res = await scim.patch(`/Users/${id}`, { schemas: [PATCH_URN], Operations: [operation] });
      expect(res.status, res.text).toBe(200);
      expect(res.body?.active, JSON.stringify(operation)).toBe(false);
    }
    const put = await scim.put(`/Users/${id}`, { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "stays.off@acme.com" });
    expect(put.status, put.text).toBe(200);
    expect(put.body?.active).toBe(false);
    expect((await scim.get(`/Users/${id}`)).body?.active).toBe(false);
    const [account] = await sql<{ status: string }>(`SELECT "status" FROM "Account" WHERE "directoryUserId" = $1`, [id]);
    expect(account?.status).toBe("deactivated");
  });
});

test.describe("one request cannot ask for unbounded work (issue 12, item 7)", () => {
  test("a PATCH of 20,000 operations is refused with 413 at once and changes nothing", async () => {
    const dir = await directory("generic");
    const scim = scimClient(dir);
    const created = await scim.post("/Users", userBody("ops@acme.com"));
    const id = String(created.body?.id);
    const started = Date.now();
    const res = await scim.patch(`/Users/${id}`, { schemas: [PATCH_URN], Operations: Array.from({ length: 20_000 }, (_, i) => ({ op: "replace", path: "title", value: `t${i}` })) });
    expect(res.status, res.text).toBe(413);
    expect(res.body?.detail).toBe("A PATCH may carry at most 1000 operations; this one has 20000. Send the changes in several requests.");
    expect(Date.now() - started).toBeLessThan(5_000);
    const versionOf = (body: Record<string, unknown> | undefined) => (body?.meta as { version?: string } | undefined)?.version;
    expect(versionOf((await scim.get(`/Users/${id}`)).body)).toBe(versionOf(created.body));
  });
});
