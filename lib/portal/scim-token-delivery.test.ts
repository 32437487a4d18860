import { describe, expect, it } from "vitest";
import { authenticateScimToken } from "@/lib/auth/authenticate-scim-token";
import { createSetupLink } from "@/lib/auth/create-setup-link";
import { openSetupLink } from "@/lib/auth/open-setup-link";
import { revokeScimTokens } from "@/lib/auth/revoke-scim-tokens";
import { revokeSetupLink } from "@/lib/auth/revoke-setup-link";
import { rotateScimTokenByLink } from "@/lib/auth/rotate-scim-token-by-link";
import { db } from "@/lib/db/client";
import { createDirectory } from "@/lib/directory/create-directory";
import { createOrganization } from "@/lib/organizations/create-organization";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { getScimTokenDelivery } from "./get-scim-token-delivery";
import { revealScimTokenDelivery } from "./reveal-scim-token-delivery";

setupTestDatabase();

const HOUR = 3_600_000;
let counter = 0;

/** An organisation whose Entra directory has a working token, rotated by support with a day's grace and sent by link. */
async function rotatedByLink(graceMs = 24 * HOUR) {
  const org = await createOrganization({ name: `Delivery ${counter}`, slug: `delivery-${counter++}` });
  const { directory, token: oldToken } = await createDirectory({ organizationId: org.id, provider: "entra", syncMode: "FULL" });
  const sent = await rotateScimTokenByLink({ organizationId: org.id, directoryId: directory.id, graceMs, createdBy: "staff:support@staff.test", issuerRole: "support" });
  const linkToken = sent.url.split("/setup/")[1]!;
  return { org, directory, oldToken, sent, linkToken, link: { organizationId: org.id, setupLinkId: sent.setupLink.id } };
}

const works = async (directoryId: string, token: string) => (await authenticateScimToken({ directoryId, token })) !== null;

describe("rotating a SCIM token with delivery by setup link (issue 15, part 2)", () => {
  it("issues a dsync link that carries the token sealed: the rotator gets the link, never the token, and the old token keeps its grace", async () => {
    const { org, directory, oldToken, sent, linkToken } = await rotatedByLink();
    expect(sent).not.toHaveProperty("token");
    expect(JSON.stringify(sent)).not.toMatch(/rc_scim_[A-Za-z0-9_-]{20,}/);
    expect(sent.url).toMatch(/\/setup\/rc_setup_/);
    const link = await db.setupLink.findFirstOrThrow({ where: { id: sent.setupLink.id, organizationId: org.id }, include: { tokenDelivery: true } });
    expect(link).toMatchObject({ intent: "dsync", issuerRole: "support", createdBy: "staff:support@staff.test" });
    // Stored only sealed: no column holds the token in clear, and the prefix alone names it.
    expect(link.tokenDelivery!.sealedToken).toMatch(/^v1\./);
    expect(link.tokenDelivery!.tokenPrefix).toBe(sent.tokenPrefix);
    expect(await works(directory.id, oldToken)).toBe(true);
    expect(sent.previousTokens).toEqual([{ prefix: oldToken.slice(0, sent.tokenPrefix.length), expiresAt: expect.any(Date) }]);
    expect(sent.previousTokens[0]!.expiresAt.getTime() - Date.now()).toBeGreaterThan(23 * HOUR);
    // The link opens the portal like any other.
    expect((await openSetupLink({ token: linkToken })).ok).toBe(true);
  });

  it("shows the token once: it works on SCIM, a second reveal says it was shown, and nothing of it is stored after", async () => {
    const { directory, oldToken, sent, link } = await rotatedByLink();
    expect(await getScimTokenDelivery(link)).toMatchObject({ status: "ready", tokenPrefix: sent.tokenPrefix, provider: "entra" });
    const first = await revealScimTokenDelivery(link);
    if (!first.ok) throw new Error(`not revealed: ${first.reason}`);
    expect(first.token.startsWith(sent.tokenPrefix)).toBe(true);
    expect(await works(directory.id, first.token)).toBe(true);
    expect(await works(directory.id, oldToken)).toBe(true);
    expect(first.previousTokens.map((t) => t.prefix)).toEqual([oldToken.slice(0, sent.tokenPrefix.length)]);

    expect(await revealScimTokenDelivery(link)).toEqual({ ok: false, reason: "already-shown" });
    const row = await db.scimTokenDelivery.findFirstOrThrow({ where: link });
    expect(row.sealedToken).toBeNull();
    expect(row.revealedAt).toBeInstanceOf(Date);
    expect(await getScimTokenDelivery(link)).toMatchObject({ status: "shown", revealedAt: row.revealedAt });
  });

  it("two tabs revealing at the same moment: exactly one sees the token", async () => {
    const { link } = await rotatedByLink();
    const results = await Promise.all(Array.from({ length: 6 }, () => revealScimTokenDelivery(link)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(Array(5).fill("already-shown"));
  });

  it("an expired link reveals nothing, and the sealed token is erased unread", async () => {
    const { link } = await rotatedByLink();
    await db.setupLink.updateMany({ where: { id: link.setupLinkId, organizationId: link.organizationId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await revealScimTokenDelivery(link)).toEqual({ ok: false, reason: "withdrawn" });
    expect((await db.scimTokenDelivery.findFirstOrThrow({ where: link })).sealedToken).toBeNull();
    expect(await getScimTokenDelivery(link)).toMatchObject({ status: "withdrawn" });
  });

  it("a revoked link reveals nothing: revoking erases the sealed token at once", async () => {
    const { link } = await rotatedByLink();
    await revokeSetupLink(link);
    expect((await db.scimTokenDelivery.findFirstOrThrow({ where: link })).sealedToken).toBeNull();
    expect(await revealScimTokenDelivery(link)).toEqual({ ok: false, reason: "withdrawn" });
  });

  it("a token revoked before the link is opened is not shown", async () => {
    const { directory, sent, link } = await rotatedByLink();
    await revokeScimTokens({ directoryId: directory.id, prefix: sent.tokenPrefix, organizationId: link.organizationId });
    expect(await revealScimTokenDelivery(link)).toEqual({ ok: false, reason: "withdrawn" });
  });

  it("another organisation's session cannot reveal it, nor spend it: the owner still sees it once", async () => {
    const mine = await rotatedByLink();
    const other = await createOrganization({ name: "Other", slug: `delivery-other-${counter++}` });
    expect(await revealScimTokenDelivery({ organizationId: other.id, setupLinkId: mine.link.setupLinkId })).toEqual({ ok: false, reason: "none" });
    expect(await getScimTokenDelivery({ organizationId: other.id, setupLinkId: mine.link.setupLinkId })).toBeNull();
    expect((await revealScimTokenDelivery(mine.link)).ok).toBe(true);
  });

  it("a link that carries no token says so", async () => {
    const org = await createOrganization({ name: "Plain", slug: `delivery-plain-${counter++}` });
    const { setupLink } = await createSetupLink({ organizationId: org.id, createdBy: "test", intent: "dsync" });
    const link = { organizationId: org.id, setupLinkId: setupLink.id };
    expect(await getScimTokenDelivery(link)).toBeNull();
    expect(await revealScimTokenDelivery(link)).toEqual({ ok: false, reason: "none" });
  });

  it("a rotation that fails leaves no link behind, and a directory of another organisation is not found", async () => {
    const mine = await rotatedByLink();
    const other = await createOrganization({ name: "Elsewhere", slug: `delivery-elsewhere-${counter++}` });
    await expect(
      rotateScimTokenByLink({ organizationId: other.id, directoryId: mine.directory.id, graceMs: HOUR, createdBy: "staff:a@b.test", issuerRole: "admin" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.setupLink.count({ where: { organizationId: other.id } })).toBe(0);
    expect(await db.scimToken.count({ where: { directoryId: mine.directory.id } })).toBe(2);
  });
});
