import { describe, expect, it } from "vitest";
import { GET as overviewRoute } from "@/app/setup/api/overview/route";
import { GET as syncLogRoute } from "@/app/setup/api/sync-log/route";
import { createSetupLink } from "@/lib/auth/create-setup-link";
import { openSetupLink } from "@/lib/auth/open-setup-link";
import { revokeSetupLink } from "@/lib/auth/revoke-setup-link";
import { rotateScimToken } from "@/lib/auth/rotate-scim-token";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { createUser } from "@/lib/directory/create-user";
import { updateDirectory } from "@/lib/directory/update-directory";
import { DomainError } from "@/lib/domain-error";
import { withPortalSession } from "@/lib/http/with-portal-session";
import { createOrganization } from "@/lib/organizations/create-organization";
import { createUserBodySchema } from "@/lib/scim/requests";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { chooseProvider } from "./choose-provider";
import { completeSetupStep } from "./complete-setup-step";
import { getDirectoryOverview } from "./get-directory-overview";
import { getPortalDirectory } from "./get-portal-directory";
import { getSetupProgress } from "./get-setup-progress";
import { inspectSetupLink } from "./inspect-setup-link";
import { PORTAL_COOKIE } from "./portal-cookie";
import { setUpDirectorySync } from "./set-up-directory-sync";
import { resumeStep, stepsForIntent } from "./wizard-steps";

setupTestDatabase();

let counter = 0;
const newOrg = (name = "Acme Corp") => createOrganization({ name, slug: `portal-${counter++}` });

/** An organisation with a portal session (as the browser holds it in its cookie) and a directory set up through the portal. */
async function portalTenant(provider: "okta" | "entra" = "okta", syncMode: "FULL" | "DEPROVISION_ONLY" = "FULL") {
  const org = await newOrg();
  const { token } = await createSetupLink({ organizationId: org.id, createdBy: "test" });
  const opened = await openSetupLink({ token });
  if (!opened.ok) throw new Error("link did not open");
  await chooseProvider({ organizationId: org.id, provider });
  const { directory, token: scimToken } = await setUpDirectorySync({ organizationId: org.id, syncMode });
  return { org, directory, scimToken, cookie: `${PORTAL_COOKIE}=${opened.sessionToken}`, linkToken: token };
}

function get(url: string, cookie?: string) {
  return new Request(`http://127.0.0.1${url}`, { headers: cookie ? { cookie } : {} });
}

async function addUser(directory: { id: string; organizationId: string; syncMode: "FULL" | "DEPROVISION_ONLY"; provider: string }, email: string, active = true) {
  const body = createUserBodySchema.parse({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: email, emails: [{ value: email, primary: true }], active });
  await createUser({ directory: directory as never, body });
}

describe("wizard steps", () => {
  it("follow the link's intent, and a returning admin resumes at the first step not done", () => {
    expect(stepsForIntent("sso")).toEqual(["welcome", "provider", "sso", "done"]);
    expect(stepsForIntent("dsync")).toEqual(["welcome", "provider", "directory-sync", "test", "done"]);
    expect(stepsForIntent("all")).toHaveLength(6);
    expect(resumeStep("all", [])).toBe("welcome");
    expect(resumeStep("all", ["welcome", "provider", "sso"])).toBe("directory-sync");
    expect(resumeStep("sso", ["welcome", "provider", "sso"])).toBe("done");
  });
});

describe("setup progress", () => {
  it("saves the provider and the completed steps once each", async () => {
    const org = await newOrg();
    expect(await getSetupProgress({ organizationId: org.id })).toEqual({ provider: null, completedSteps: [], directoryId: null });
    await completeSetupStep({ organizationId: org.id, step: "welcome" });
    await completeSetupStep({ organizationId: org.id, step: "welcome" });
    await chooseProvider({ organizationId: org.id, provider: "okta" });
    await chooseProvider({ organizationId: org.id, provider: "entra" });
    expect(await getSetupProgress({ organizationId: org.id })).toEqual({ provider: "entra", completedSteps: ["welcome", "provider"], directoryId: null });
  });

  it("refuses a provider that is not on the list, and saves nothing", async () => {
    const org = await newOrg();
    await expect(chooseProvider({ organizationId: org.id, provider: "ping" as never })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "provider" });
    expect((await getSetupProgress({ organizationId: org.id })).provider).toBeNull();
  });
});

describe("directory sync set-up", () => {
  it("needs a provider first", async () => {
    const org = await newOrg();
    await expect(setUpDirectorySync({ organizationId: org.id, syncMode: "FULL" })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "provider" });
    expect(await db.directory.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it("makes one directory when two set-ups race", async () => {
    const org = await newOrg();
    await chooseProvider({ organizationId: org.id, provider: "okta" });
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => setUpDirectorySync({ organizationId: org.id, syncMode: "FULL" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "CONFLICT" });
    expect(await db.directory.count({ where: { organizationId: org.id } })).toBe(1);
  });

  it("creates one directory for the chosen provider, with a token shown once, and never a second", async () => {
    const { org, directory, scimToken } = await portalTenant("entra");
    expect(directory).toMatchObject({ provider: "entra", syncMode: "FULL", organizationId: org.id });
    expect(scimToken).toMatch(/^rc_scim_/);
    expect((await getSetupProgress({ organizationId: org.id })).directoryId).toBe(directory.id);
    await expect(setUpDirectorySync({ organizationId: org.id, syncMode: "DEPROVISION_ONLY" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.directory.count({ where: { organizationId: org.id } })).toBe(1);
    const found = await getPortalDirectory({ organizationId: org.id });
    expect(found?.directory.id).toBe(directory.id);
    expect(found?.tokens.map((t) => t.prefix)).toEqual([scimToken.slice(0, 14)]);
    expect(found?.scimBaseUrl).toMatch(new RegExp(`/scim/v2/${directory.id}$`));
  });

  it("a later change of provider follows through to the directory, so the sync log names it", async () => {
    const { org, directory } = await portalTenant("okta");
    await chooseProvider({ organizationId: org.id, provider: "entra" });
    expect((await db.directory.findUniqueOrThrow({ where: { id: directory.id } })).provider).toBe("entra");
  });
});

describe("directory overview", () => {
  it("counts users, active and inactive, and groups, of its own directory only", async () => {
    const a = await portalTenant();
    const b = await portalTenant();
    await addUser(a.directory, "alice@acme.com");
    await addUser(a.directory, "bob@acme.com", false);
    await addUser(b.directory, "carol@globex.com");
    expect(await getDirectoryOverview({ organizationId: a.org.id, directoryId: a.directory.id })).toEqual({ users: 2, activeUsers: 1, inactiveUsers: 1, groups: 0, withAccount: 1 });
    // Another organisation's directory id under A's organisation counts nothing.
    expect(await getDirectoryOverview({ organizationId: a.org.id, directoryId: b.directory.id })).toEqual({ users: 0, activeUsers: 0, inactiveUsers: 0, groups: 0, withAccount: 0 });
  });

  it("in deprovision-only mode, separates the people known to the directory from those with an account (made at first sign-in)", async () => {
    const a = await portalTenant("okta", "DEPROVISION_ONLY");
    const other = await portalTenant("okta", "DEPROVISION_ONLY");
    await addUser(a.directory, "alice@acme.com");
    await addUser(a.directory, "bob@acme.com");
    await addUser(other.directory, "alice@acme.com");
    expect(await getDirectoryOverview({ organizationId: a.org.id, directoryId: a.directory.id })).toMatchObject({ users: 2, activeUsers: 2, withAccount: 0 });
    // Alice signs in with SSO: her just-in-time account is linked to her directory user.
    const alice = await db.directoryUser.findFirstOrThrow({ where: { organizationId: a.org.id, directoryId: a.directory.id, userName: "alice@acme.com" } });
    await db.account.create({ data: { id: newId("acc"), organizationId: a.org.id, email: "alice@acme.com", source: "jit", directoryUserId: alice.id } });
    expect(await getDirectoryOverview({ organizationId: a.org.id, directoryId: a.directory.id })).toMatchObject({ users: 2, activeUsers: 2, withAccount: 1 });
    expect(await getDirectoryOverview({ organizationId: other.org.id, directoryId: other.directory.id })).toMatchObject({ users: 1, withAccount: 0 });
  });
});

describe("setup link inspection", () => {
  it("says active, expired, revoked or unknown, and names the organisation only for a real link", async () => {
    const org = await newOrg("Initech Ltd");
    const active = await createSetupLink({ organizationId: org.id, createdBy: "test" });
    expect(await inspectSetupLink({ token: active.token })).toEqual({ status: "active", organization: { name: "Initech Ltd" } });
    // Looking does not open: no session is started by the page's GET (mail scanners fetch links).
    expect(await db.portalSession.count({ where: { organizationId: org.id } })).toBe(0);

    const expired = await createSetupLink({ organizationId: org.id, createdBy: "test" });
    const past = new Date(Date.now() - 60_000);
    await db.setupLink.update({ where: { id: expired.setupLink.id }, data: { expiresAt: past } });
    expect(await inspectSetupLink({ token: expired.token })).toEqual({ status: "expired", organization: { name: "Initech Ltd" }, at: past });

    await revokeSetupLink({ organizationId: org.id, setupLinkId: active.setupLink.id });
    expect(await inspectSetupLink({ token: active.token })).toMatchObject({ status: "revoked", organization: { name: "Initech Ltd" } });

    expect(await inspectSetupLink({ token: "rc_setup_nope" })).toEqual({ status: "unknown" });
    expect(await inspectSetupLink({ token: "anything" })).toEqual({ status: "unknown" });
  });
});

describe("portal intent", () => {
  // Issue 12, item 12: an `sso` link read the directory's sync log and counts through the JSON routes.
  it("an sso link's session cannot read the directory's overview or sync log", async () => {
    const tenant = await portalTenant();
    const { token } = await createSetupLink({ organizationId: tenant.org.id, createdBy: "test", intent: "sso" });
    const opened = await openSetupLink({ token });
    if (!opened.ok) throw new Error("link did not open");
    const ssoCookie = `${PORTAL_COOKIE}=${opened.sessionToken}`;
    for (const [route, path] of [[overviewRoute, "/setup/api/overview"], [syncLogRoute, "/setup/api/sync-log"]] as const) {
      const refused = await route(get(path, ssoCookie));
      expect(refused.status, path).toBe(403);
      expect(await refused.json()).toMatchObject({ error: { code: "forbidden" } });
      expect((await route(get(path, tenant.cookie))).status, path).toBe(200);
    }
  });
});

describe("portal tenancy", () => {
  it("GET /setup/api/overview answers with the session's own directory and counts, whoever else exists", async () => {
    const a = await portalTenant();
    const b = await portalTenant();
    await addUser(b.directory, "carol@globex.com");
    const res = await overviewRoute(get("/setup/api/overview", a.cookie));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { directory: { id: string }; counts: { users: number } };
    expect(body.directory.id).toBe(a.directory.id);
    expect(body.counts.users).toBe(0);
    // The route takes no organisation or directory from the request: a query string naming B changes nothing.
    const tampered = (await (await overviewRoute(get(`/setup/api/overview?organization=${b.org.id}&directory=${b.directory.id}`, a.cookie))).json()) as typeof body;
    expect(tampered.directory.id).toBe(a.directory.id);
  });

  it("refuses a request without a session, with a revoked link's session, or with a made-up cookie", async () => {
    const a = await portalTenant();
    expect((await overviewRoute(get("/setup/api/overview"))).status).toBe(401);
    expect((await overviewRoute(get("/setup/api/overview", `${PORTAL_COOKIE}=rc_portal_madeup`))).status).toBe(401);
    const link = await db.setupLink.findFirstOrThrow({ where: { organizationId: a.org.id } });
    await revokeSetupLink({ organizationId: a.org.id, setupLinkId: link.id });
    const res = await overviewRoute(get("/setup/api/overview", a.cookie));
    expect(res.status).toBe(401);
    expect(JSON.stringify(await res.json())).toContain("Open your setup link again");
  });

  it("refuses a change from another site even with a good cookie", async () => {
    const a = await portalTenant();
    const route = withPortalSession(async ({ portal }) => Response.json({ org: portal.organization.id }));
    const post = (headers: Record<string, string>) => route(new Request("http://127.0.0.1/setup/api/x", { method: "POST", headers: { cookie: a.cookie, ...headers } }));
    expect((await post({ origin: "https://evil.example", "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await post({ origin: "https://evil.example" })).status).toBe(403);
    expect((await post({})).status).toBe(403);
    const same = await post({ origin: "http://127.0.0.1", "sec-fetch-site": "same-origin" });
    expect(same.status).toBe(200);
    expect(await same.json()).toEqual({ org: a.org.id });
  });

  it("what the portal's actions call is scoped to the session's organisation: B's directory is not found from A", async () => {
    const a = await portalTenant();
    const b = await portalTenant();
    await expect(rotateScimToken({ directoryId: b.directory.id, organizationId: a.org.id, graceMs: 0 })).rejects.toBeInstanceOf(DomainError);
    await expect(updateDirectory({ directoryId: b.directory.id, organizationId: a.org.id, syncMode: "DEPROVISION_ONLY" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db.directory.findUniqueOrThrow({ where: { id: b.directory.id } })).syncMode).toBe("FULL");
    expect(await db.scimToken.count({ where: { directoryId: b.directory.id } })).toBe(1);
    // Progress and the portal directory are keyed by organisation: A never sees B's.
    expect((await getPortalDirectory({ organizationId: a.org.id }))?.directory.id).toBe(a.directory.id);
  });
});
