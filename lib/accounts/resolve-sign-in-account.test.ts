import { describe, expect, it } from "vitest";
import { ScimRequestLog } from "@/lib/audit/scim-request-log";
import { createSession } from "@/lib/auth/create-session";
import { db } from "@/lib/db/client";
import { createDirectory } from "@/lib/directory/create-directory";
import { createGroup } from "@/lib/directory/create-group";
import { createUser } from "@/lib/directory/create-user";
import { patchUser } from "@/lib/directory/patch-user";
import type { ProvisioningDirectory } from "@/lib/directory/types";
import { createOrganization } from "@/lib/organizations/create-organization";
import { createGroupBodySchema, createUserBodySchema, patchRequestSchema } from "@/lib/scim/requests";
import type { SignInProfile } from "@/lib/sign-in/sign-in-profile";
import { rejectionOf } from "@/lib/testing/rejection-of";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { resolveSignInAccount } from "./resolve-sign-in-account";

setupTestDatabase();

let counter = 0;
async function newOrg(domains: string[] = []) {
  return createOrganization({ name: "Acme", slug: `jit-${Date.now().toString(36)}-${counter++}`, domains });
}
async function newDirectory(organizationId: string, syncMode: "FULL" | "DEPROVISION_ONLY"): Promise<ProvisioningDirectory> {
  const { directory } = await createDirectory({ organizationId, provider: "okta", syncMode });
  return { id: directory.id, organizationId, syncMode };
}
const log = (dir: ProvisioningDirectory) => new ScimRequestLog({ organizationId: dir.organizationId, directoryId: dir.id, method: "POST", path: "/Users", query: null, tokenPrefix: "rc_scim_test00", clientIp: null, userAgent: null });
async function provision(dir: ProvisioningDirectory, email: string, active = true) {
  const body = createUserBodySchema.parse({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: email, emails: [{ value: email, primary: true }], active });
  return createUser({ directory: dir, body, log: log(dir) });
}
async function deactivate(dir: ProvisioningDirectory, userId: string) {
  const body = patchRequestSchema.parse({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "Replace", path: "active", value: false }] });
  await patchUser({ directory: dir, userId, operations: body.Operations, log: log(dir) });
}
function person(email: string, overrides: Partial<SignInProfile> = {}): SignInProfile {
  return { idpId: `sub-${email}`, idpIdFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", issuer: "https://idp.test/entity", email, firstName: "Ada", lastName: "Lovelace", rawAttributes: {}, ...overrides };
}

describe("just-in-time accounts at SSO sign-in", () => {
  it("without a directory, the first sign-in creates a jit account and emits account.created; the next one finds it", async () => {
    const org = await newOrg();
    const first = await resolveSignInAccount({ organizationId: org.id, profile: person("ada@acme.test") });
    expect(first).toMatchObject({ created: true, account: { email: "ada@acme.test", source: "jit", directoryUserId: null }, groups: [] });
    const events = await db.event.findMany({ where: { organizationId: org.id, type: "account.created" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ id: first.account!.id, source: "jit" });
    const second = await resolveSignInAccount({ organizationId: org.id, profile: person("ada@acme.test") });
    expect(second).toMatchObject({ created: false, account: { id: first.account!.id } });
  });

  it("links by the IdP's stable subject first: an email change at the IdP never makes a second account", async () => {
    const org = await newOrg();
    const first = await resolveSignInAccount({ organizationId: org.id, profile: person("ada@acme.test", { idpId: "00u1stable" }) });
    const renamed = await resolveSignInAccount({ organizationId: org.id, profile: person("ada.lovelace@acme.test", { idpId: "00u1stable" }) });
    expect(renamed.account!.id).toBe(first.account!.id);
    expect(renamed.identityId).toBe(first.identityId);
    expect(await db.account.count({ where: { organizationId: org.id } })).toBe(1);
  });

  it("in a deprovision-only directory, the account is linked to the matching directory user", async () => {
    const org = await newOrg();
    const dir = await newDirectory(org.id, "DEPROVISION_ONLY");
    const user = await provision(dir, "ada@acme.test");
    const result = await resolveSignInAccount({ organizationId: org.id, profile: person("ada@acme.test") });
    expect(result).toMatchObject({ created: true, account: { source: "jit", directoryUserId: user.id }, directoryUser: { id: user.id } });
  });

  it("in a full-provisioning directory, refuses someone the directory has not provisioned, in words; a provisioned person gets their groups", async () => {
    const org = await newOrg();
    const dir = await newDirectory(org.id, "FULL");
    const err = await rejectionOf(resolveSignInAccount({ organizationId: org.id, profile: person("stranger@acme.test") }));
    expect(err).toMatchObject({ code: "not_provisioned", message: expect.stringContaining("ask your IT admin to assign you to the application") });
    expect(await db.account.count({ where: { organizationId: org.id } })).toBe(0);

    const user = await provision(dir, "grace@acme.test");
    await createGroup({ directory: dir, body: createGroupBodySchema.parse({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Engineering", members: [{ value: user.id }] }) });
    const result = await resolveSignInAccount({ organizationId: org.id, profile: person("grace@acme.test") });
    expect(result).toMatchObject({ created: false, account: { source: "scim", directoryUserId: user.id }, groups: [{ name: "Engineering" }] });
  });

  it("refuses someone deactivated in the directory before their first sign-in, and creates nothing", async () => {
    const org = await newOrg();
    const dir = await newDirectory(org.id, "DEPROVISION_ONLY");
    await provision(dir, "gone@acme.test", false);
    expect(await rejectionOf(resolveSignInAccount({ organizationId: org.id, profile: person("gone@acme.test") }))).toMatchObject({ code: "deprovisioned", reason: "directory_user_inactive" });
    expect(await db.account.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it("refuses a deactivated account and never reactivates it", async () => {
    const org = await newOrg();
    const dir = await newDirectory(org.id, "DEPROVISION_ONLY");
    const user = await provision(dir, "ada@acme.test");
    const { account } = await resolveSignInAccount({ organizationId: org.id, profile: person("ada@acme.test") });
    await deactivate(dir, user.id);
    expect(await rejectionOf(resolveSignInAccount({ organizationId: org.id, profile: person("ada@acme.test") }))).toMatchObject({ code: "deprovisioned" });
    expect((await db.account.findUniqueOrThrow({ where: { id: account!.id } })).status).toBe("deactivated");
  });

  it.each([
    ["an email outside the organization's domains", person("ada@elsewhere.test"), "access_denied", "domain_not_allowed"],
    ["OIDC email_verified: false", person("ada@acme.test", { emailVerified: false }), "access_denied", "email_not_verified"],
    ["no email at all", person("", { email: null }), "invalid_response", "no_email"],
  ])("refuses %s", async (_name, profile, code, reason) => {
    const org = await newOrg(["acme.test"]);
    expect(await rejectionOf(resolveSignInAccount({ organizationId: org.id, profile }))).toMatchObject({ code, reason });
    expect(await db.account.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it("a test sign-in (the portal's) applies the rules but writes nothing", async () => {
    const org = await newOrg();
    const result = await resolveSignInAccount({ organizationId: org.id, profile: person("ada@acme.test"), test: true });
    expect(result).toMatchObject({ account: null, created: false, wouldCreate: true, identityId: null });
    expect(await db.account.count({ where: { organizationId: org.id } })).toBe(0);
    expect(await db.ssoIdentity.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it("a SCIM deactivation racing a JIT sign-in ends with the account deactivated and no live session, whichever commits first", async () => {
    const org = await newOrg();
    const dir = await newDirectory(org.id, "DEPROVISION_ONLY");
    const outcomes: string[] = [];
    for (let round = 0; round < 12; round++) {
      const email = `race${round}@acme.test`;
      const user = await provision(dir, email);
      const signIn = (async () => {
        try {
          const { account } = await resolveSignInAccount({ organizationId: org.id, profile: person(email) });
          await createSession({ accountId: account!.id, organizationId: org.id });
          return "signed-in";
        } catch (err) {
          // A sign-in refused as deprovisioned, or its session refused because SCIM deactivated the new account first.
          const { code, message } = err as { code?: string; message: string };
          return `refused:${code === "deprovisioned" ? code : message}`;
        }
      })();
      // Alternate which starts first, so both orders of commit happen.
      const [outcome] = round % 2 === 0 ? await Promise.all([signIn, deactivate(dir, user.id)]) : (await Promise.all([deactivate(dir, user.id), signIn])).reverse();
      outcomes.push(String(outcome));
      const account = await db.account.findFirst({ where: { organizationId: org.id, email } });
      if (account) expect(account.status, `round ${round}`).toBe("deactivated");
      expect(await db.session.count({ where: { organizationId: org.id, account: { email }, revokedAt: null } }), `round ${round}`).toBe(0);
    }
    // Every round ends in one of the two legal ways: signed in (then deactivated by SCIM) or refused as deprovisioned.
    for (const outcome of outcomes) expect(outcome).toMatch(/^(signed-in|refused:deprovisioned|refused:.*deactivated.*)$/);
    console.info(`JIT vs SCIM race outcomes: ${outcomes.join(", ")}`);
  });
});
