import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createDirectory } from "@/lib/directory/create-directory";
import { createOrganization } from "@/lib/organizations/create-organization";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { authenticateScimToken } from "./authenticate-scim-token";
import { revokeScimTokens } from "./revoke-scim-tokens";
import { rotateScimToken } from "./rotate-scim-token";
import { generateScimToken, hashToken } from "./scim-token";

setupTestDatabase();

async function newDirectory(slug: string) {
  const org = await createOrganization({ name: slug, slug });
  return createDirectory({ organizationId: org.id, provider: "okta", syncMode: "FULL" });
}

describe("SCIM tokens", () => {
  it("are 32 random bytes, base64url, behind a recognisable prefix, hashed with SHA-256", () => {
    const a = generateScimToken();
    const b = generateScimToken();
    expect(a.token).toMatch(/^rc_scim_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.token.slice("rc_scim_".length), "base64url")).toHaveLength(32);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(hashToken(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.prefix).toBe(a.token.slice(0, 14));
  });

  it("are stored only as a hash and a short prefix", async () => {
    const { directory, token } = await newDirectory("hash-only");
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "ScimToken" WHERE "directoryId" = $1`, directory.id);
    expect(rows).toHaveLength(1);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(token.slice(14));
    expect(rows[0]!.tokenHash).toBe(hashToken(token));
  });

  it("authenticate only on their own directory", async () => {
    const a = await newDirectory("tenant-a");
    const b = await newDirectory("tenant-b");
    expect((await authenticateScimToken({ directoryId: a.directory.id, token: a.token }))?.directory.id).toBe(a.directory.id);
    expect(await authenticateScimToken({ directoryId: b.directory.id, token: a.token })).toBeNull();
    expect(await authenticateScimToken({ directoryId: a.directory.id, token: `${a.token}x` })).toBeNull();
    expect(await authenticateScimToken({ directoryId: a.directory.id, token: "" })).toBeNull();
  });

  it("record their last use at most about once a minute", async () => {
    const { directory, token } = await newDirectory("last-used");
    await authenticateScimToken({ directoryId: directory.id, token });
    const first = (await db.scimToken.findFirstOrThrow({ where: { directoryId: directory.id } })).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await authenticateScimToken({ directoryId: directory.id, token });
    const second = (await db.scimToken.findFirstOrThrow({ where: { directoryId: directory.id } })).lastUsedAt;
    expect(second?.getTime()).toBe(first?.getTime());
  });

  it("rotation keeps the old token working through the grace period, then stops it", async () => {
    const { directory, token: oldToken } = await newDirectory("rotate-grace");
    const rotated = await rotateScimToken({ directoryId: directory.id, graceMs: 60 * 60 * 1000 });
    expect(rotated.token).not.toBe(oldToken);
    expect(await authenticateScimToken({ directoryId: directory.id, token: oldToken })).not.toBeNull();
    expect(await authenticateScimToken({ directoryId: directory.id, token: rotated.token })).not.toBeNull();
    expect(rotated.previousTokensExpireAt!.getTime()).toBeGreaterThan(Date.now() + 59 * 60 * 1000);

    // The grace period ends: move its end into the past, as time would.
    await db.scimToken.updateMany({ where: { directoryId: directory.id, expiresAt: { not: null } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await authenticateScimToken({ directoryId: directory.id, token: oldToken })).toBeNull();
    expect(await authenticateScimToken({ directoryId: directory.id, token: rotated.token })).not.toBeNull();
  });

  it("rotation with no grace stops the old token at once", async () => {
    const { directory, token: oldToken } = await newDirectory("rotate-now");
    const rotated = await rotateScimToken({ directoryId: directory.id, graceMs: 0 });
    expect(await authenticateScimToken({ directoryId: directory.id, token: oldToken })).toBeNull();
    expect(await authenticateScimToken({ directoryId: directory.id, token: rotated.token })).not.toBeNull();
  });

  it("a second rotation never shortens the grace already promised to an older token (issue 15)", async () => {
    const { directory, token: first } = await newDirectory("rotate-twice");
    const a = await rotateScimToken({ directoryId: directory.id, graceMs: 72 * 3_600_000 });
    const b = await rotateScimToken({ directoryId: directory.id, graceMs: 0 });
    const ends = await db.scimToken.findMany({ where: { directoryId: directory.id }, select: { prefix: true, expiresAt: true } });
    const endOf = (prefix: string) => ends.find((t) => t.prefix === prefix)!.expiresAt;
    // The first token keeps its 72 hours; the token of the first rotation stops now, as the second asked.
    expect(endOf(first.slice(0, 14))).toEqual(a.previousTokensExpireAt);
    expect(await authenticateScimToken({ directoryId: directory.id, token: first })).not.toBeNull();
    expect(await authenticateScimToken({ directoryId: directory.id, token: a.token })).toBeNull();
    expect(b.previousTokens).toEqual([{ prefix: first.slice(0, 14), expiresAt: a.previousTokensExpireAt }]);
  });

  it("an explicit shortenPromisedGrace brings the older token's end forward", async () => {
    const { directory, token: first } = await newDirectory("rotate-shorten");
    await rotateScimToken({ directoryId: directory.id, graceMs: 72 * 3_600_000 });
    const b = await rotateScimToken({ directoryId: directory.id, graceMs: 0, shortenPromisedGrace: true });
    expect(await authenticateScimToken({ directoryId: directory.id, token: first })).toBeNull();
    expect(await authenticateScimToken({ directoryId: directory.id, token: b.token })).not.toBeNull();
    expect(b.previousTokens).toEqual([]);
  });

  it("revocation by prefix stops only that token", async () => {
    const { directory, token: oldToken } = await newDirectory("revoke-prefix");
    const rotated = await rotateScimToken({ directoryId: directory.id, graceMs: 3_600_000 });
    expect(await revokeScimTokens({ directoryId: directory.id, prefix: oldToken.slice(0, 14) })).toEqual({ revoked: 1 });
    expect(await authenticateScimToken({ directoryId: directory.id, token: oldToken })).toBeNull();
    expect(await authenticateScimToken({ directoryId: directory.id, token: rotated.token })).not.toBeNull();
    await expect(revokeScimTokens({ directoryId: directory.id, prefix: "rc_scim_nomatch" })).rejects.toThrow(/No active token/);
  });

  it("revocation without a prefix stops every token of the directory, and no other directory's", async () => {
    const a = await newDirectory("revoke-all-a");
    const b = await newDirectory("revoke-all-b");
    await rotateScimToken({ directoryId: a.directory.id, graceMs: 3_600_000 });
    expect(await revokeScimTokens({ directoryId: a.directory.id })).toEqual({ revoked: 2 });
    expect(await authenticateScimToken({ directoryId: a.directory.id, token: a.token })).toBeNull();
    expect(await authenticateScimToken({ directoryId: b.directory.id, token: b.token })).not.toBeNull();
  });

  it("revocation counts only the tokens that still worked", async () => {
    const { directory } = await newDirectory("revoke-count");
    await rotateScimToken({ directoryId: directory.id, graceMs: 0 });
    expect(await revokeScimTokens({ directoryId: directory.id })).toEqual({ revoked: 1 });
  });

  it("rotation of an unknown directory is a not-found error", async () => {
    await expect(rotateScimToken({ directoryId: "dir_missing", graceMs: 0 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
