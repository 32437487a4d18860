import { encode } from "next-auth/jwt";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { createDirectory } from "@/lib/directory/create-directory";
import { withConsoleSession } from "@/lib/http/with-console-session";
import { createOrganization } from "@/lib/organizations/create-organization";
import { createStaffUser } from "@/lib/staff/create-staff-user";
import { describeAuditEntry } from "@/lib/staff/describe-audit-entry";
import { endStaffSession } from "@/lib/staff/end-staff-session";
import { nextAuthSecret } from "@/lib/staff/next-auth-secret";
import { staffSessionCookieName } from "@/lib/staff/staff-auth-options";
import { startStaffSession } from "@/lib/staff/start-staff-session";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { createOrganizationAction } from "./create-organization";
import { createSetupLinkAction } from "./create-setup-link";
import { deleteOrganizationAction } from "./delete-organization";
import { rotateScimTokenAction } from "./rotate-scim-token";

// Next's request scope (cookies(), headers()) exists only inside a Next.js server; this stands in for it with a
// real next-auth JWT in the cookie. Everything behind it (decoding, the session row, roles, the domain, the
// audit trail) runs for real against Postgres.
const request = vi.hoisted(() => ({ cookies: new Map<string, string>(), headers: new Map<string, string>([["x-forwarded-for", "198.51.100.7"]]) }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name) } : undefined) }),
  headers: async () => ({ get: (name: string) => request.headers.get(name) ?? null }),
}));

process.env.NEXTAUTH_SECRET = "test secret for console action tests, at least 32 chars";
setupTestDatabase();

async function signIn(email: string, role: "admin" | "support") {
  const user = await createStaffUser({ email, role, password: "a long staff password" });
  const started = (await startStaffSession({ staffUserId: user.id }))!;
  const jwt = await encode({ token: { sub: user.id, email, sid: started.session.id, role }, secret: nextAuthSecret() });
  request.cookies.set(staffSessionCookieName(), jwt);
  return started.session.id;
}

describe("console server actions", () => {
  let adminSession = "";
  let adminJwt = "";
  let supportJwt = "";
  beforeAll(async () => {
    adminSession = await signIn("admin@staff.test", "admin");
    adminJwt = request.cookies.get(staffSessionCookieName())!;
    await signIn("support@staff.test", "support");
    supportJwt = request.cookies.get(staffSessionCookieName())!;
  });
  const as = (jwt: string | undefined) => (jwt === undefined ? request.cookies.clear() : request.cookies.set(staffSessionCookieName(), jwt));
  beforeEach(() => as(undefined));

  it("an admin creates an organisation, and the audit trail says who, what, which organisation and from where", async () => {
    as(adminJwt);
    const result = await createOrganizationAction({ name: "Acme", slug: "acme-actions", domains: "acme.com, acme.io" });
    expect(result.serverError).toBeUndefined();
    const org = await db.organization.findUniqueOrThrow({ where: { slug: "acme-actions" } });
    expect(org.domains).toEqual(["acme.com", "acme.io"]);
    const [entry] = await db.staffAuditEntry.findMany({ where: { organizationId: org.id } });
    expect(entry).toMatchObject({ staffEmail: "admin@staff.test", action: "organization.created", organizationSlug: "acme-actions", targetType: "organization", targetId: org.id, clientIp: "198.51.100.7" });
  });

  it("a field-level error for bad input, and nothing is written", async () => {
    as(adminJwt);
    const before = await db.staffAuditEntry.count();
    const result = await createOrganizationAction({ name: "Bad", slug: "Not A Slug" });
    expect(result.serverError).toMatchObject({ field: "slug", message: expect.stringContaining("lower-case") });
    expect(await db.staffAuditEntry.count()).toBe(before);
  });

  it("a support user cannot delete an organisation: refused, nothing deleted, nothing audited", async () => {
    const org = await createOrganization({ name: "Keep me", slug: "keep-me" });
    as(supportJwt);
    const result = await deleteOrganizationAction({ organizationId: org.id });
    expect(result.serverError).toMatchObject({ code: "FORBIDDEN", message: "Only an admin can do this; your role is support." });
    expect(await db.organization.count({ where: { id: org.id } })).toBe(1);
    expect(await db.staffAuditEntry.count({ where: { organizationId: org.id } })).toBe(0);

    as(adminJwt);
    expect((await deleteOrganizationAction({ organizationId: org.id })).serverError).toBeUndefined();
    expect(await db.organization.count({ where: { id: org.id } })).toBe(0);
    expect(await db.staffAuditEntry.findFirst({ where: { organizationId: org.id } })).toMatchObject({ action: "organization.deleted", staffEmail: "admin@staff.test", organizationSlug: "keep-me" });
  });

  it("support staff cannot rotate without grace; an admin can, only once confirmed (issue 15)", async () => {
    const org = await createOrganization({ name: "Cut off", slug: "cut-off" });
    const { directory, token } = await createDirectory({ organizationId: org.id, provider: "entra", syncMode: "FULL" });
    const working = async () => db.scimToken.count({ where: { directoryId: directory.id, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] } });

    as(supportJwt);
    const refused = await rotateScimTokenAction({ directoryId: directory.id, graceHours: 0, confirmCutOff: true });
    expect(refused.serverError).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("only with a grace period") });
    const shorten = await rotateScimTokenAction({ directoryId: directory.id, graceHours: 24, shortenPromisedGrace: true });
    expect(shorten.serverError).toMatchObject({ code: "FORBIDDEN" });
    expect(await working()).toBe(1);

    as(adminJwt);
    const unconfirmed = await rotateScimTokenAction({ directoryId: directory.id, graceHours: 0 });
    expect(unconfirmed.serverError).toMatchObject({ field: "graceHours", message: expect.stringContaining("confirm it first") });
    expect(await working()).toBe(1);
    const confirmed = await rotateScimTokenAction({ directoryId: directory.id, graceHours: 0, confirmCutOff: true });
    expect(confirmed.serverError).toBeUndefined();
    expect(await db.scimToken.findFirst({ where: { directoryId: directory.id, prefix: token.slice(0, 14) } })).toMatchObject({ expiresAt: expect.any(Date) });
    expect(await working()).toBe(1);
  });

  it("a support user can rotate a token and issue a setup link; both are audited without the secrets", async () => {
    const org = await createOrganization({ name: "Rotating", slug: "rotating" });
    const { directory } = await createDirectory({ organizationId: org.id, provider: "okta", syncMode: "FULL" });
    as(supportJwt);
    const rotated = await rotateScimTokenAction({ directoryId: directory.id, graceHours: 24 });
    if (rotated.data?.delivery !== "screen") throw new Error(`expected the token on screen: ${JSON.stringify(rotated)}`);
    expect(rotated.data.token).toMatch(/^rc_scim_/);
    const link = await createSetupLinkAction({ organizationId: org.id, intent: "all", expiresIn: "7d" });
    expect(link.data?.url).toMatch(/\/setup\//);
    const entries = await db.staffAuditEntry.findMany({ where: { organizationId: org.id }, orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.action, e.staffEmail])).toEqual([["scim_token.rotated", "support@staff.test"], ["setup_link.created", "support@staff.test"]]);
    const trail = JSON.stringify(entries);
    expect(trail).not.toContain(rotated.data.token);
    expect(trail).not.toContain(link.data!.url.split("/setup/")[1]);
    expect((await db.setupLink.findFirstOrThrow({ where: { organizationId: org.id } })).createdBy).toBe("staff:support@staff.test");
  });

  it("support rotates with delivery by setup link: the console gets a dsync link, never the token; the trail says so in words (issue 15)", async () => {
    const org = await createOrganization({ name: "By link", slug: "by-link" });
    const { directory, token: oldToken } = await createDirectory({ organizationId: org.id, provider: "entra", syncMode: "FULL" });
    as(supportJwt);
    // The support rule holds for delivery by link too: no cut-off without grace.
    const refused = await rotateScimTokenAction({ directoryId: directory.id, graceHours: 0, confirmCutOff: true, deliverBy: "link" });
    expect(refused.serverError).toMatchObject({ code: "FORBIDDEN" });
    expect(await db.setupLink.count({ where: { organizationId: org.id } })).toBe(0);

    const sent = await rotateScimTokenAction({ directoryId: directory.id, graceHours: 24, deliverBy: "link" });
    if (sent.data?.delivery !== "link") throw new Error(`expected a link: ${JSON.stringify(sent)}`);
    expect(sent.data.url).toMatch(/\/setup\/rc_setup_/);
    expect(JSON.stringify(sent.data)).not.toMatch(/rc_scim_[A-Za-z0-9_-]{20,}/);
    expect(sent.data.previousTokens).toEqual([{ prefix: oldToken.slice(0, 14), expiresAt: expect.any(String) }]);
    const link = await db.setupLink.findFirstOrThrow({ where: { organizationId: org.id }, include: { tokenDelivery: true } });
    expect(link).toMatchObject({ intent: "dsync", issuerRole: "support", createdBy: "staff:support@staff.test" });
    expect(link.tokenDelivery?.sealedToken).toMatch(/^v1\./);

    const entries = await db.staffAuditEntry.findMany({ where: { organizationId: org.id }, orderBy: { id: "asc" } });
    expect(entries.map((e) => e.action)).toEqual(["scim_token.rotated", "setup_link.created"]);
    const words = entries.map((e) => describeAuditEntry(e));
    expect(words[0]).toContain(`sent to the customer in the setup link ${link.prefix}`);
    expect(words[1]).toContain(`carrying the new SCIM token ${sent.data.prefix}`);
    expect(JSON.stringify(entries)).not.toContain(sent.data.url.split("/setup/")[1]);
  });

  it("without a session, or with one that was signed out, every action is refused", async () => {
    const org = await createOrganization({ name: "Nobody", slug: "nobody-home" });
    expect((await createSetupLinkAction({ organizationId: org.id })).serverError).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("Sign in again") });
    const jwt = adminJwt;
    await endStaffSession({ sessionId: adminSession });
    as(jwt);
    expect((await createSetupLinkAction({ organizationId: org.id })).serverError).toMatchObject({ code: "FORBIDDEN" });
    as("garbage.jwt.value");
    expect((await createSetupLinkAction({ organizationId: org.id })).serverError).toMatchObject({ code: "FORBIDDEN" });
    expect(await db.setupLink.count({ where: { organizationId: org.id } })).toBe(0);
  });
});

describe("withConsoleSession (the console's JSON routes)", () => {
  const route = withConsoleSession(async ({ staff }) => Response.json({ email: staff.email }));
  const adminRoute = withConsoleSession(async () => Response.json({ ok: true }), { adminOnly: true });
  const call = (r: typeof route) => r(new Request("http://localhost/api/admin/x"), { params: Promise.resolve({}) });

  it("answers 401 in JSON without a session, 403 to support on an admin-only route", async () => {
    request.cookies.clear();
    const anonymous = await call(route);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: "unauthorized" } });

    await signIn("reader@staff.test", "support");
    expect(await (await call(route)).json()).toEqual({ email: "reader@staff.test" });
    const refused = await call(adminRoute);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "forbidden" } });
  });
});
