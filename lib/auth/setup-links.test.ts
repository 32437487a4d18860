import { describe, expect, it } from "vitest";
import { cliRunner } from "@/lib/testing/cli-runner";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { DomainError } from "@/lib/domain-error";
import { createOrganization } from "@/lib/organizations/create-organization";
import { createSetupLink } from "./create-setup-link";
import { listSetupLinks } from "./list-setup-links";
import { openSetupLink } from "./open-setup-link";
import { revokeSetupLink } from "./revoke-setup-link";
import { verifyPortalSession } from "./verify-portal-session";

const databaseUrl = setupTestDatabase();
const { dsync, dsyncJson, sql } = cliRunner(databaseUrl);

let counter = 0;
const newOrg = (name = "Acme Corp") => createOrganization({ name, slug: `links-${counter++}` });
const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);

describe("setup links", () => {
  it("setup-link create prints the URL once and stores only the token's SHA-256", async () => {
    await dsyncJson("org", "create", "--name", "Globex", "--slug", "globex");
    const link = await dsyncJson("setup-link", "create", "--org", "globex", "--intent", "dsync", "--expires", "48h");
    expect(link.url).toMatch(/^https:\/\/rollcall\.test\/setup\/rc_setup_[A-Za-z0-9_-]{43}$/);
    expect(link).toMatchObject({ org: "globex", intent: "dsync", token: tokenOf(String(link.url)) });
    const hours = (Date.parse(String(link.expiresAt)) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(47.9);
    expect(hours).toBeLessThanOrEqual(48);
    const rows = await sql(`SELECT * FROM "SetupLink" WHERE "id" = $1`, [link.id]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(String(link.token).slice(9));
    expect(rows[0]).toMatchObject({ tokenHash: expect.stringMatching(/^[0-9a-f]{64}$/), createdBy: "cli", intent: "dsync" });

    const listed = (await dsyncJson("setup-link", "list", "--org", "globex")) as { links: Record<string, unknown>[] };
    expect(listed.links).toEqual([expect.objectContaining({ id: link.id, status: "active", intent: "dsync", lastUsedAt: null })]);
    expect(JSON.stringify(listed)).not.toContain(String(link.token));
  });

  it.each([
    [["--expires", "31d"], /expires.*at most 30d/],
    [["--expires", "soon"], /expires.*duration such as 7d/],
    [["--intent", "everything"], /intent.*sso, dsync or all/],
  ])("setup-link create %j is refused in one line and writes nothing", async (args, message) => {
    const org = await dsyncJson("org", "create", "--name", "Refused", "--slug", `refused-${counter++}`);
    const run = await dsync("setup-link", "create", "--org", String(org.slug), ...args);
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(message);
    expect(await sql(`SELECT 1 FROM "SetupLink" WHERE "organizationId" = $1`, [org.id])).toHaveLength(0);
  });

  it("opening a link starts a portal session of that organisation alone, and the link can be opened again", async () => {
    const org = await newOrg("Initech");
    const { url, setupLink } = await createSetupLink({ organizationId: org.id, intent: "sso", createdBy: "cli" });
    const first = await openSetupLink({ token: tokenOf(url) });
    const second = await openSetupLink({ token: tokenOf(url) });
    if (!first.ok || !second.ok) throw new Error("expected the link to open");
    expect(first.organization).toEqual({ id: org.id, slug: org.slug, name: "Initech" });
    expect(first.setupLink).toMatchObject({ id: setupLink.id, intent: "sso" });
    expect(first.sessionToken).not.toBe(second.sessionToken);
    // The session never outlives the link, and lasts a working day at most.
    expect(first.sessionExpiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 12 * 3_600_000);
    const verified = await verifyPortalSession({ token: first.sessionToken });
    expect(verified).toEqual({ valid: true, principal: expect.objectContaining({ organization: first.organization, setupLink: expect.objectContaining({ id: setupLink.id }) }) });
    const [row] = await listSetupLinks({ organizationId: org.id });
    expect(row!.lastUsedAt).toBeInstanceOf(Date);
  });

  it("revoking a link refuses it and ends the sessions it opened at once", async () => {
    const org = await newOrg();
    const { url, setupLink } = await createSetupLink({ organizationId: org.id, createdBy: "cli" });
    const opened = await openSetupLink({ token: tokenOf(url) });
    if (!opened.ok) throw new Error("expected the link to open");
    await revokeSetupLink({ organizationId: org.id, setupLinkId: setupLink.id });
    expect(await verifyPortalSession({ token: opened.sessionToken })).toEqual({ valid: false, reason: "unknown" });
    expect(await openSetupLink({ token: tokenOf(url) })).toEqual({ ok: false, reason: "revoked", organization: { name: "Acme Corp" }, at: expect.any(Date) });
    expect((await listSetupLinks({ organizationId: org.id }))[0]!.status).toBe("revoked");
  });

  it("an expired link says so, and its sessions stop working", async () => {
    const org = await newOrg("Umbrella");
    const { url, setupLink } = await createSetupLink({ organizationId: org.id, createdBy: "cli" });
    const opened = await openSetupLink({ token: tokenOf(url) });
    if (!opened.ok) throw new Error("expected the link to open");
    await sql(`UPDATE "SetupLink" SET "expiresAt" = now() - interval '1 minute' WHERE "id" = $1`, [setupLink.id]);
    expect(await verifyPortalSession({ token: opened.sessionToken })).toEqual({ valid: false, reason: "expired" });
    expect(await openSetupLink({ token: tokenOf(url) })).toMatchObject({ ok: false, reason: "expired", organization: { name: "Umbrella" } });
    expect((await listSetupLinks({ organizationId: org.id }))[0]!.status).toBe("expired");
  });

  it("an unknown or malformed token reveals nothing", async () => {
    expect(await openSetupLink({ token: "rc_setup_" + "A".repeat(43) })).toEqual({ ok: false, reason: "unknown" });
    expect(await openSetupLink({ token: "../../etc/passwd" })).toEqual({ ok: false, reason: "unknown" });
    expect(await verifyPortalSession({ token: "rc_portal_nope" })).toEqual({ valid: false, reason: "unknown" });
  });

  it("another organisation's link cannot be revoked or listed through this one", async () => {
    const a = await newOrg("A");
    const b = await newOrg("B");
    const { setupLink } = await createSetupLink({ organizationId: b.id, createdBy: "cli" });
    await expect(revokeSetupLink({ organizationId: a.id, setupLinkId: setupLink.id })).rejects.toMatchObject({ code: "NOT_FOUND" } satisfies Partial<DomainError>);
    expect(await listSetupLinks({ organizationId: a.id })).toEqual([]);
    expect((await listSetupLinks({ organizationId: b.id }))[0]!.status).toBe("active");
  });
});
