import { encode } from "next-auth/jwt";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createSetupLinkAction } from "@/lib/actions/console/create-setup-link";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { createOrganization } from "@/lib/organizations/create-organization";
import { PORTAL_COOKIE } from "@/lib/portal/portal-cookie";
import { listPortalAuditEntries } from "@/lib/portal/list-portal-audit-entries";
import { createStaffUser } from "@/lib/staff/create-staff-user";
import { nextAuthSecret } from "@/lib/staff/next-auth-secret";
import { staffSessionCookieName } from "@/lib/staff/staff-auth-options";
import { startStaffSession } from "@/lib/staff/start-staff-session";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { changeSyncModeAction } from "./change-sync-mode";
import { chooseProviderAction } from "./choose-provider";
import { openSetupLinkAction } from "./open-setup-link";
import { rotateScimTokenAction } from "./rotate-scim-token";
import { saveSamlConnectionAction } from "./save-saml-connection";
import { setUpDirectorySyncAction } from "./set-up-directory-sync";

// Next's request scope stands in as in the console's action tests: real cookies (the staff JWT, the portal
// session the link opens) and the client address that lib/server/next-server.mjs sets; everything behind it
// runs against Postgres.
const request = vi.hoisted(() => ({ cookies: new Map<string, string>(), headers: new Map<string, string>([["x-forwarded-for", "203.0.113.9"]]) }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name) } : undefined),
    set: (name: string, value: string) => void request.cookies.set(name, value),
  }),
  headers: async () => ({ get: (name: string) => request.headers.get(name) ?? null }),
}));

process.env.NEXTAUTH_SECRET = "test secret for portal action tests, at least 32 chars";
setupTestDatabase();

async function staffJwt(email: string, role: "admin" | "support") {
  const user = await createStaffUser({ email, role, password: "a long staff password" });
  const started = (await startStaffSession({ staffUserId: user.id }))!;
  return encode({ token: { sub: user.id, email, sid: started.session.id, role }, secret: nextAuthSecret() });
}

let slugs = 0;
/** An organisation whose directory sync and SSO exist already, and a link to it issued in the console by `jwt`'s staff member. */
async function organizationWithLinkFrom(jwt: string) {
  const org = await createOrganization({ name: "Portal Co", slug: `portal-co-${slugs++}` });
  request.cookies.clear();
  request.cookies.set(staffSessionCookieName(), jwt);
  const link = await createSetupLinkAction({ organizationId: org.id, intent: "all", expiresIn: "7d" });
  expect(link.serverError).toBeUndefined();
  // The staff member opens it in the same browser: the portal must not act on the staff session, only the link.
  const opened = await openSetupLinkAction({ token: link.data!.url.split("/setup/")[1]! });
  expect(opened.serverError).toBeUndefined();
  expect(request.cookies.get(PORTAL_COOKIE)).toBeDefined();
  expect((await chooseProviderAction({ provider: "entra" })).serverError).toBeUndefined();
  const setUp = await setUpDirectorySyncAction({ syncMode: "FULL" });
  expect(setUp.serverError).toBeUndefined();
  await db.ssoConnection.create({ data: { id: newId("sso"), organizationId: org.id, provider: "entra", protocol: "saml", samlIdpEntityId: "https://sts.windows.net/original/", samlIdpSsoUrl: "https://login.microsoftonline.com/original/saml2" } });
  return { org, directoryId: setUp.data!.directoryId, linkId: link.data!.id, prefix: link.data!.prefix };
}

const workingTokens = (directoryId: string) => db.scimToken.count({ where: { directoryId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] } });

// Issue 12, item 4: support staff issued an `all` link, opened it, and did what only an admin may do in the
// console, while the audit trail recorded only the link.
describe("the setup portal's actions, by who issued the link", () => {
  let supportJwt = "";
  let adminJwt = "";
  beforeAll(async () => {
    supportJwt = await staffJwt("support@portal.test", "support");
    adminJwt = await staffJwt("admin@portal.test", "admin");
  });
  beforeEach(() => request.cookies.clear());

  it("a link issued by support can set up and rotate with grace, but not cut the token off, change the sync mode or replace SSO", async () => {
    const { org, directoryId } = await organizationWithLinkFrom(supportJwt);

    const cutOff = await rotateScimTokenAction({ graceHours: 0, confirmCutOff: true });
    expect(cutOff.serverError).toMatchObject({ code: "FORBIDDEN", field: "graceHours", message: expect.stringContaining("grace period") });
    expect(await workingTokens(directoryId)).toBe(1);

    const mode = await changeSyncModeAction({ syncMode: "DEPROVISION_ONLY" });
    expect(mode.serverError).toMatchObject({ code: "FORBIDDEN", field: "syncMode" });
    expect((await db.directory.findUniqueOrThrow({ where: { id: directoryId } })).syncMode).toBe("FULL");

    const sso = await saveSamlConnectionAction({ source: "url", metadataUrl: "https://idp.example.com/metadata" });
    expect(sso.serverError).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("already") });
    expect(await db.ssoConnection.findUniqueOrThrow({ where: { organizationId: org.id } })).toMatchObject({ samlIdpEntityId: "https://sts.windows.net/original/" });

    const withGrace = await rotateScimTokenAction({ graceHours: 24 });
    expect(withGrace.serverError).toBeUndefined();
    expect(await workingTokens(directoryId)).toBe(2);
  });

  it("a link issued by an admin may do all of it, once confirmed", async () => {
    const { directoryId } = await organizationWithLinkFrom(adminJwt);
    expect((await rotateScimTokenAction({ graceHours: 0, confirmCutOff: true })).serverError).toBeUndefined();
    expect(await workingTokens(directoryId)).toBe(1);
    expect((await changeSyncModeAction({ syncMode: "DEPROVISION_ONLY" })).serverError).toBeUndefined();
    expect((await db.directory.findUniqueOrThrow({ where: { id: directoryId } })).syncMode).toBe("DEPROVISION_ONLY");
  });

  it("every change through the portal is in the audit trail: the link, who issued it, and the client address", async () => {
    const { org, directoryId, linkId, prefix } = await organizationWithLinkFrom(supportJwt);
    const rotated = await rotateScimTokenAction({ graceHours: 1 });
    expect(rotated.serverError).toBeUndefined();

    const { data } = await listPortalAuditEntries({ organizationId: org.id, limit: 50 });
    expect(data.map((e) => e.action).reverse()).toEqual(["setup_link.opened", "provider.chosen", "directory_sync.set_up", "scim_token.rotated"]);
    for (const entry of data) {
      expect(entry).toMatchObject({ organizationId: org.id, organizationSlug: org.slug, setupLinkId: linkId, setupLinkPrefix: prefix, setupLinkIssuedBy: "staff:support@portal.test", clientIp: "203.0.113.9" });
    }
    expect(data[0]).toMatchObject({ targetType: "directory", targetId: directoryId, detail: { graceHours: 1, newTokenPrefix: rotated.data!.prefix } });
    // Never a secret: the token is named by its prefix only.
    expect(JSON.stringify(data)).not.toContain(rotated.data!.token);
    // Another organisation's trail does not show them.
    const other = await createOrganization({ name: "Other", slug: `other-${slugs++}` });
    expect((await listPortalAuditEntries({ organizationId: other.id, limit: 50 })).data).toEqual([]);
  });
});
