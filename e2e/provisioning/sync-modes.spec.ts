// Provisioning end to end, through real HTTP: the identity provider on SCIM, the host product on /api/v1.
import { expect, test } from "../fixtures";
import { dsyncJson, type Directory } from "../support/cli";
import { GROUP_URN, PATCH_URN, scimClient, userBody } from "../support/scim";

let counter = 0;

/** An organisation with a directory in `mode`, and an API key scoped to it, made with the real CLI. */
async function tenant(mode: "full" | "deprovision-only") {
  const slug = `prov-${Date.now().toString(36)}-${counter++}`;
  dsyncJson("org", "create", "--name", `Prov ${slug}`, "--slug", slug);
  const dir = dsyncJson<Directory>("directory", "create", "--org", slug, "--provider", "okta", "--mode", mode);
  const { key } = dsyncJson<{ key: string }>("key", "create", "--org", slug);
  // The CLI blocked this process for a while; let idle keep-alive sockets close before the next fetch.
  await new Promise((r) => setTimeout(r, 50));
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${process.env.ROLLCALL_E2E_URL}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, ...(body !== undefined && { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return { slug, dir, api, scim: scimClient(dir) };
}

async function newAccountWithSession(t: Awaited<ReturnType<typeof tenant>>, email: string) {
  const account = dsyncJson<{ id: string }>("account", "create", "--org", t.slug, "--email", email);
  await new Promise((r) => setTimeout(r, 50));
  const session = await t.api("POST", `/accounts/${account.id}/sessions`, {});
  expect(session.status, JSON.stringify(session.body)).toBe(201);
  return { accountId: account.id, sessionToken: String(session.body.token) };
}

test.describe("deprovision-only mode", () => {
  test("links the provider's user to the existing account, deactivation rejects its session, group writes are refused", async () => {
    const t = await tenant("deprovision-only");
    const { accountId, sessionToken } = await newAccountWithSession(t, "alice@acme.com");
    expect((await t.api("POST", "/sessions/verify", { token: sessionToken })).body).toMatchObject({ valid: true });

    const created = await t.scim.post("/Users", userBody("Alice@Acme.com"));
    expect(created.status, created.text).toBe(201);
    const userId = String(created.body?.id);
    expect((await t.api("GET", `/accounts/${accountId}`)).body).toMatchObject({ directory_user_id: userId, status: "active" });

    // A user with no account yet: stored, and no account is created for it.
    expect((await t.scim.post("/Users", userBody("newcomer@acme.com"))).status).toBe(201);
    const accounts = await t.api("GET", `/organizations/${t.dir.orgId}/accounts`);
    expect((accounts.body.data as { email: string }[]).map((a) => a.email)).toEqual(["alice@acme.com"]);

    const off = await t.scim.patch(`/Users/${userId}`, { schemas: [PATCH_URN], Operations: [{ op: "Replace", path: "active", value: "False" }] });
    expect(off.status, off.text).toBe(200);
    expect((await t.api("GET", `/accounts/${accountId}`)).body).toMatchObject({ status: "deactivated" });
    expect((await t.api("POST", "/sessions/verify", { token: sessionToken })).body).toMatchObject({ valid: false, reason: "account_deactivated" });

    const group = await t.scim.post("/Groups", { schemas: [GROUP_URN], displayName: "Engineering" });
    expect(group.status, group.text).toBe(403);
    expect(String(group.body?.detail)).toContain("Group provisioning is off for this directory");
    const groups = await t.scim.get("/Groups");
    expect(groups.status).toBe(200);
    expect(groups.body).toMatchObject({ totalResults: 0, Resources: [] });

    const log = await t.api("GET", `/sync-log?directory=${t.dir.id}&status=4xx`);
    expect(log.status, JSON.stringify(log.body)).toBe(200);
    expect((log.body.data as { status: number; error_detail?: string; errorDetail?: string }[])[0]).toMatchObject({ status: 403 });
    expect(JSON.stringify(log.body.data)).toContain("Group provisioning is off");
  });
});

test.describe("full mode", () => {
  test("creates and links accounts, deactivates and reactivates them, with the events in order", async () => {
    const t = await tenant("full");
    const { accountId: bobAccount, sessionToken } = await newAccountWithSession(t, "bob@acme.com");

    const carol = await t.scim.post("/Users", userBody("carol@acme.com"));
    const bob = await t.scim.post("/Users", userBody("bob@acme.com"));
    expect([carol.status, bob.status]).toEqual([201, 201]);
    const accounts = (await t.api("GET", `/organizations/${t.dir.orgId}/accounts`)).body.data as { id: string; email: string; source: string; directory_user_id: string }[];
    expect(accounts.map((a) => [a.email, a.source]).sort()).toEqual([["bob@acme.com", "manual"], ["carol@acme.com", "scim"]]);
    expect(accounts.find((a) => a.email === "bob@acme.com")).toMatchObject({ id: bobAccount, directory_user_id: bob.body?.id });

    const patch = (value: string) => t.scim.patch(`/Users/${String(bob.body?.id)}`, { schemas: [PATCH_URN], Operations: [{ op: "Replace", path: "active", value }] });
    expect((await patch("False")).status).toBe(200);
    expect((await t.api("POST", "/sessions/verify", { token: sessionToken })).body).toMatchObject({ valid: false });
    expect((await patch("True")).status).toBe(200);
    expect((await t.api("GET", `/accounts/${bobAccount}`)).body).toMatchObject({ status: "active" });
    // Reactivation does not bring revoked sessions back.
    expect((await t.api("POST", "/sessions/verify", { token: sessionToken })).body).toMatchObject({ valid: false, reason: "revoked" });

    // The feed serves only committed transactions older than any still running; give it a moment.
    let events: { type: string; data: { state?: string; email?: string } }[] = [];
    await expect.poll(async () => {
      events = (await t.api("GET", `/events?organization=${t.dir.orgId}`)).body.data as typeof events;
      return events.length;
    }).toBe(7);
    expect(events.map((e) => e.type)).toEqual([
      "dsync.activated",
      "dsync.user.created",
      "dsync.user.created",
      "dsync.user.updated",
      "account.deactivated",
      "dsync.user.updated",
      "account.reactivated",
    ]);
    expect(events.filter((e) => e.type.startsWith("dsync.user.")).map((e) => e.data.state)).toEqual(["active", "active", "inactive", "active"]);
  });
});

test.describe("changing the sync mode", () => {
  test("takes effect on the next request and loses no data", async () => {
    const t = await tenant("full");
    const user = await t.scim.post("/Users", userBody("dora@acme.com"));
    const group = await t.scim.post("/Groups", { schemas: [GROUP_URN], displayName: "Design", members: [{ value: user.body?.id }] });
    expect([user.status, group.status]).toEqual([201, 201]);

    const toDeprovisionOnly = await t.api("PATCH", `/directories/${t.dir.id}`, { sync_mode: "deprovision-only" });
    expect(toDeprovisionOnly.status, JSON.stringify(toDeprovisionOnly.body)).toBe(200);
    expect((await t.scim.get("/Groups")).body).toMatchObject({ totalResults: 0 });
    expect((await t.scim.post("/Groups", { schemas: [GROUP_URN], displayName: "Ops" })).status).toBe(403);
    expect((await t.scim.get(`/Users/${String(user.body?.id)}`)).status).toBe(200);

    expect((await t.api("PATCH", `/directories/${t.dir.id}`, { sync_mode: "full" })).status).toBe(200);
    const back = await t.scim.get(`/Groups/${String(group.body?.id)}`);
    expect(back.status, back.text).toBe(200);
    expect((back.body?.members as { value: string }[]).map((m) => m.value)).toEqual([user.body?.id]);
  });
});
