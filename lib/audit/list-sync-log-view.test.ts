import { describe, expect, it } from "vitest";
import { createDirectory } from "@/lib/directory/create-directory";
import { createOrganization } from "@/lib/organizations/create-organization";
import { requestScimRoute, type ScimRouteMethod } from "@/lib/testing/scim-route-request";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { listSyncLogView, syncLogViewQuerySchema, type SyncLogViewEntry } from "./list-sync-log-view";

setupTestDatabase();

const USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";
const PATCH_URN = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const OKTA_UA = "Okta SCIM Client 1.0.0";

type Dir = { id: string; organizationId: string; token: string };

let slugs = 0;
async function newTenant(name: string, provider: "okta" | "entra", syncMode: "FULL" | "DEPROVISION_ONLY" = "FULL", organizationId?: string) {
  const orgId = organizationId ?? (await createOrganization({ name, slug: `view-${slugs++}` })).id;
  const { directory, token } = await createDirectory({ organizationId: orgId, provider, syncMode, name: `${name} ${provider}` });
  return { id: directory.id, organizationId: orgId, token } satisfies Dir;
}

/** A real SCIM request through the real route handler, so the entry is exactly what production writes. */
async function scim(dir: Dir, method: ScimRouteMethod, path: string, body?: unknown, { token = dir.token, userAgent = OKTA_UA } = {}) {
  const { status, text } = await requestScimRoute({
    directoryId: dir.id, token, method, path, body, headers: { "User-Agent": userAgent, "X-Forwarded-For": "203.0.113.7" },
  });
  return { status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

function oktaUser(userName: string) {
  return { schemas: [USER_URN], userName, name: { givenName: "Test", familyName: "User" }, emails: [{ primary: true, value: userName, type: "work" }], active: true, password: "1mz050nq" };
}

const summaries = (page: { data: SyncLogViewEntry[] }) => page.data.map((e) => e.summary);

describe("listSyncLogView", () => {
  it("describes real SCIM traffic, newest first, with its tenant, and never shows another organisation's", async () => {
    const a = await newTenant("Acme", "okta");
    const aJit = await newTenant("Acme", "okta", "DEPROVISION_ONLY", a.organizationId);
    const b = await newTenant("Bravo", "entra");

    // Acme's Okta: test connection, the existence check, a create, a duplicate, a deactivation, Group Push.
    expect((await scim(a, "GET", "/Users?startIndex=1&count=1")).status).toBe(200);
    expect((await scim(a, "GET", `/Users?filter=${encodeURIComponent('userName eq "alice@acme.com"')}&startIndex=1&count=100`)).status).toBe(200);
    const alice = await scim(a, "POST", "/Users", oktaUser("alice@acme.com"));
    expect(alice.status).toBe(201);
    expect((await scim(a, "POST", "/Users", oktaUser("alice@acme.com"))).status).toBe(409);
    expect((await scim(a, "PATCH", `/Users/${String(alice.body!.id)}`, { schemas: [PATCH_URN], Operations: [{ op: "replace", value: { active: false } }] })).status).toBe(200);
    expect((await scim(a, "POST", "/Groups", { schemas: [GROUP_URN], displayName: "Engineering", members: [{ value: alice.body!.id }] })).status).toBe(201);
    expect((await scim(a, "GET", "/Users?startIndex=1&count=1", undefined, { token: "rc_scim_notthetoken" })).status).toBe(401);
    expect((await scim(aJit, "POST", "/Groups", { schemas: [GROUP_URN], displayName: "Engineering", members: [] })).status).toBe(403);

    // Bravo's Entra, with a user of the same email: Acme must never see it, even when searching for it.
    const bob = await scim(b, "POST", "/Users", { schemas: [USER_URN], userName: "alice@acme.com", active: true, emails: [{ primary: true, type: "work", value: "alice@acme.com" }] });
    expect(bob.status).toBe(201);
    expect((await scim(b, "PATCH", `/Users/${String(bob.body!.id)}`, { schemas: [PATCH_URN], Operations: [{ op: "Replace", path: "active", value: "False" }] }, { userAgent: "Azure AD SCIM Client" })).status).toBe(200);
    expect((await scim(b, "GET", "/ServiceProviderConfig")).status).toBe(200);

    const acme = await listSyncLogView({ organizationId: a.organizationId, limit: 50 });
    expect(summaries(acme)).toEqual([
      "Okta tried to create group Engineering: refused, group provisioning is off for this directory",
      "Okta's request was refused: the token did not match",
      "Okta created group Engineering with 1 member",
      "Okta deactivated alice@acme.com and signed them out",
      "Okta tried to create alice@acme.com: refused, that user already exists",
      "Okta created alice@acme.com",
      'Okta listed users (filter userName eq "alice@acme.com")',
      "Okta checked the connection",
    ]);
    expect(acme.nextCursor).toBeNull();
    expect(acme.data.map((e) => e.outcome)).toEqual(["refused", "refused", "success", "success", "refused", "success", "success", "success"]);
    expect(acme.data[1]!.advice).toBe("The token in Okta does not match this directory's token. Generate a new token (Rotate token on the setup portal's Done page) and paste it into Okta's API Token field.");
    expect(acme.data[0]!.advice).toMatch(/In Okta, untick “Push Groups”/);
    expect(acme.data[2]!.advice).toBeNull();
    for (const e of acme.data) {
      expect(e.organization).toEqual({ id: a.organizationId, slug: expect.stringMatching(/^view-/), name: "Acme" });
      expect(e.directory).toEqual(e.directory_id === aJit.id ? { id: aJit.id, name: "Acme okta", provider: "okta" } : { id: a.id, name: "Acme okta", provider: "okta" });
      expect(e.organization_id).toBe(a.organizationId);
    }

    // The management API's fields, as that serializer writes them; the Okta placeholder password never shows.
    const created = acme.data[5]!;
    expect(created).toMatchObject({
      method: "POST", path: `/scim/v2/${a.id}/Users`, status: 201, token_prefix: a.token.slice(0, 14), client_ip: "203.0.113.7", user_agent: OKTA_UA,
      resource_type: "User", resource_id: alice.body!.id, actions: ["user.created", "account.created"], subject: "alice@acme.com", scim_type: null, error_detail: null,
    });
    expect(created.created_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(JSON.stringify(created.request_body)).toContain("[REDACTED]");
    expect(JSON.stringify(created.request_body)).not.toContain("1mz050nq");
    expect(acme.data[4]).toMatchObject({ status: 409, scim_type: "uniqueness", error_detail: 'userName "alice@acme.com" is already in use in this directory' });
    expect(acme.data[1]).toMatchObject({ status: 401, token_prefix: "rc_scim_notthe" });
    // The 403 keeps what Okta tried to push, for support.
    expect(acme.data[0]!.request_body).toMatchObject({ displayName: "Engineering" });

    // JSON-safe: what the route sends is what the component reads.
    expect(JSON.parse(JSON.stringify(acme))).toEqual(acme);

    const bravo = await listSyncLogView({ organizationId: b.organizationId, limit: 50 });
    expect(summaries(bravo)).toEqual(["Entra checked the connection", "Entra deactivated alice@acme.com and signed them out", "Entra created alice@acme.com"]);
    expect(bravo.data.every((e) => e.organization.name === "Bravo" && e.directory.provider === "entra")).toBe(true);

    // Scope holds whatever else the filter says.
    expect((await listSyncLogView({ organizationId: a.organizationId, directoryId: b.id, limit: 50 })).data).toEqual([]);
    expect((await listSyncLogView({ organizationId: a.organizationId, q: "alice", limit: 50 })).data.every((e) => e.organization_id === a.organizationId)).toBe(true);
    expect(summaries(await listSyncLogView({ organizationId: a.organizationId, directoryId: aJit.id, limit: 50 }))).toEqual([
      "Okta tried to create group Engineering: refused, group provisioning is off for this directory",
    ]);

    // The console's cross-tenant view: no scope, each entry named by its own tenant.
    const everyone = await listSyncLogView({ limit: 100 });
    const ours = everyone.data.filter((e) => [a.organizationId, b.organizationId].includes(e.organization_id));
    expect(ours).toHaveLength(11);
    expect(ours.every((e) => e.organization.id === e.organization_id && e.directory.id === e.directory_id)).toBe(true);
    expect(ours.filter((e) => e.organization.name === "Bravo").map((e) => e.directory.provider)).toEqual(["entra", "entra", "entra"]);
  });

  it("filters by outcome, action, text and time, as parsed from the viewer's query string", async () => {
    const dir = await newTenant("Filters", "okta");
    const view = (query: string) => listSyncLogView({ organizationId: dir.organizationId, ...syncLogViewQuerySchema.parse(new URLSearchParams(query)) });

    await scim(dir, "POST", "/Users", oktaUser("grace@acme.com"));
    await new Promise((r) => setTimeout(r, 50));
    const between = new Date();
    await new Promise((r) => setTimeout(r, 50));
    const ada = await scim(dir, "POST", "/Users", oktaUser("ada@acme.com"));
    await scim(dir, "POST", "/Users", oktaUser("ada@acme.com"));
    await scim(dir, "PATCH", `/Users/${String(ada.body!.id)}`, { schemas: [PATCH_URN], Operations: [{ op: "replace", value: { active: false } }] });

    expect(summaries(await view(""))).toHaveLength(4);
    expect(summaries(await view("outcome=all"))).toHaveLength(4);
    expect(summaries(await view("outcome=refused"))).toEqual(["Okta tried to create ada@acme.com: refused, that user already exists"]);
    expect(summaries(await view("outcome=success"))).toEqual(["Okta deactivated ada@acme.com and signed them out", "Okta created ada@acme.com", "Okta created grace@acme.com"]);
    expect(await view("outcome=failed")).toEqual({ data: [], nextCursor: null });
    expect(summaries(await view("action=user.deactivated"))).toEqual(["Okta deactivated ada@acme.com and signed them out"]);
    expect(summaries(await view("action=user.created&q=GRACE"))).toEqual(["Okta created grace@acme.com"]);
    expect(summaries(await view(`since=${encodeURIComponent(between.toISOString())}`))).toHaveLength(3);
    expect(summaries(await view(`until=${encodeURIComponent(between.toISOString())}`))).toEqual(["Okta created grace@acme.com"]);
    expect(summaries(await view("range=1h"))).toHaveLength(4);
    // Blank controls are sent as empty values and mean "no filter".
    expect(summaries(await view("outcome=&action=&q=&since=&range="))).toHaveLength(4);
  });

  it("pages newest first by cursor, and new entries do not shift the older pages", async () => {
    const dir = await newTenant("Pages", "okta");
    for (const name of ["u1", "u2", "u3", "u4", "u5"]) await scim(dir, "POST", "/Users", oktaUser(`${name}@acme.com`));
    const all = summaries(await listSyncLogView({ organizationId: dir.organizationId, limit: 50 }));
    expect(all).toEqual(["Okta created u5@acme.com", "Okta created u4@acme.com", "Okta created u3@acme.com", "Okta created u2@acme.com", "Okta created u1@acme.com"]);

    const first = await listSyncLogView({ organizationId: dir.organizationId, limit: 2 });
    expect(summaries(first)).toEqual(all.slice(0, 2));
    await scim(dir, "POST", "/Users", oktaUser("u6@acme.com"));
    const second = await listSyncLogView({ organizationId: dir.organizationId, limit: 2, after: first.nextCursor! });
    const third = await listSyncLogView({ organizationId: dir.organizationId, limit: 2, after: second.nextCursor! });
    expect(summaries(second)).toEqual(all.slice(2, 4));
    expect(summaries(third)).toEqual(all.slice(4));
    expect(third.nextCursor).toBeNull();
    expect(summaries(await listSyncLogView({ organizationId: dir.organizationId, limit: 1 }))).toEqual(["Okta created u6@acme.com"]);
  });
});

describe("syncLogViewQuerySchema", () => {
  it("maps each outcome to its status class and keeps the other filters", () => {
    expect(syncLogViewQuerySchema.parse(new URLSearchParams("outcome=success"))).toEqual({ status: "2xx", limit: 25 });
    expect(syncLogViewQuerySchema.parse(new URLSearchParams("outcome=refused"))).toEqual({ status: "4xx", limit: 25 });
    expect(syncLogViewQuerySchema.parse(new URLSearchParams("outcome=failed"))).toEqual({ status: "5xx", limit: 25 });
    expect(syncLogViewQuerySchema.parse(new URLSearchParams("outcome=all&action=group.member_added&q=%20Ada%20&after=log_x&limit=100"))).toEqual({
      action: "group.member_added", q: "Ada", after: "log_x", limit: 100,
    });
    expect(syncLogViewQuerySchema.parse({ until: "2026-11-23T09:30:00Z" })).toEqual({ until: new Date("2026-11-23T09:30:00Z"), limit: 25 });
  });

  it("turns a range into `since`, and keeps the later of a range and an explicit since", () => {
    const before = Date.now();
    const { since } = syncLogViewQuerySchema.parse(new URLSearchParams("range=24h"));
    expect(since!.getTime()).toBeGreaterThanOrEqual(before - 86_400_000);
    expect(since!.getTime()).toBeLessThanOrEqual(Date.now() - 86_400_000);
    expect(syncLogViewQuerySchema.parse(new URLSearchParams("range=all"))).toEqual({ limit: 25 });
    const recent = new Date(Date.now() - 60_000).toISOString();
    expect(syncLogViewQuerySchema.parse(new URLSearchParams(`range=7d&since=${encodeURIComponent(recent)}`)).since).toEqual(new Date(recent));
    expect(syncLogViewQuerySchema.parse(new URLSearchParams("range=1h&since=2020-01-01T00:00:00Z")).since!.getTime()).toBeGreaterThan(Date.parse("2020-01-02T00:00:00Z"));
  });

  it.each([
    ["outcome=ok", "outcome must be all, success, refused or failed"],
    ["action=user.exploded", "action must be one of the sync-log actions, such as user.created"],
    ["range=2d", "range must be 1h, 24h, 7d or all"],
    ["since=yesterday", "since must be an ISO 8601 date-time such as 2026-11-23T09:30:00Z"],
    ["limit=101", "limit must be at most 100"],
    ["limit=0", "limit must be at least 1"],
    ["limit=ten", "limit must be a whole number"],
    [`q=${"x".repeat(201)}`, "q must be at most 200 characters"],
  ])("refuses %s with a clear message", (query, message) => {
    const result = syncLogViewQuerySchema.safeParse(new URLSearchParams(query));
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe(message);
  });
});
