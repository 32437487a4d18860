import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createOrganization } from "@/lib/organizations/create-organization";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { generateApiKey } from "./api-key";
import { authenticateApiKey } from "./authenticate-api-key";
import { createApiKey } from "./create-api-key";
import { listApiKeys } from "./list-api-keys";
import { revokeApiKey } from "./revoke-api-key";
import { hashToken } from "./scim-token";

setupTestDatabase();

describe("API keys", () => {
  it("are 32 random bytes, base64url, behind rc_key_, hashed with SHA-256", () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key).toMatch(/^rc_key_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.key.slice("rc_key_".length), "base64url")).toHaveLength(32);
    expect(a.key).not.toBe(b.key);
    expect(a.hash).toBe(hashToken(a.key));
    expect(a.prefix).toBe(a.key.slice(0, 13));
  });

  it("are stored only as a hash and a display prefix", async () => {
    const { apiKey, key } = await createApiKey({ name: "stored" });
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "ApiKey" WHERE "id" = $1`, apiKey.id);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(key);
    expect(dump).not.toContain(key.slice(13));
    expect(rows[0]).toMatchObject({ keyHash: hashToken(key), prefix: key.slice(0, 13), organizationId: null, name: "stored" });
  });

  it("authenticate as global or as their organisation's", async () => {
    const org = await createOrganization({ name: "Scoped", slug: "scoped" });
    const global = await createApiKey({});
    const scoped = await createApiKey({ organizationId: org.id, name: "scoped" });
    expect(await authenticateApiKey(global.key)).toEqual({ id: global.apiKey.id, organizationId: null });
    expect(await authenticateApiKey(scoped.key)).toEqual({ id: scoped.apiKey.id, organizationId: org.id });
    expect(global.apiKey.name).toBe("API key");
  });

  it.each([
    ["an unknown key", `rc_key_${"A".repeat(43)}`],
    ["a key with a character more", "<real>x"],
    ["a SCIM token", `rc_scim_${"A".repeat(43)}`],
    ["an empty string", ""],
    ["an absurdly long string", `rc_key_${"A".repeat(5000)}`],
  ])("refuse %s", async (_label, candidate) => {
    const { key } = await createApiKey({});
    expect(await authenticateApiKey(candidate.replace("<real>", key))).toBeNull();
  });

  it("refuse an organisation that does not exist", async () => {
    await expect(createApiKey({ organizationId: "org_missing" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("record their last use at most about once a minute", async () => {
    const { apiKey, key } = await createApiKey({});
    expect(apiKey.lastUsedAt).toBeNull();
    await authenticateApiKey(key);
    const first = (await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await authenticateApiKey(key);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt?.getTime()).toBe(first!.getTime());
    // A minute later, as time would have it: the next use writes again.
    await db.apiKey.update({ where: { id: apiKey.id }, data: { lastUsedAt: new Date(Date.now() - 61_000) } });
    await authenticateApiKey(key);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 5_000);
  });

  it("stop working when revoked by prefix, and no other key does", async () => {
    const a = await createApiKey({ name: "a" });
    const b = await createApiKey({ name: "b" });
    const { apiKey } = await revokeApiKey({ prefix: a.apiKey.prefix });
    expect(apiKey.id).toBe(a.apiKey.id);
    expect(apiKey.revokedAt).toBeInstanceOf(Date);
    expect(await authenticateApiKey(a.key)).toBeNull();
    expect(await authenticateApiKey(b.key)).not.toBeNull();
    await expect(revokeApiKey({ prefix: a.apiKey.prefix })).rejects.toMatchObject({ code: "NOT_FOUND", field: "prefix" });
  });

  it("refuse a prefix that matches several active keys", async () => {
    await createApiKey({});
    await createApiKey({});
    await expect(revokeApiKey({ prefix: "rc_key_" })).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(/matches \d+ active API keys/) });
  });

  it("list with their organisation, optionally one organisation's", async () => {
    const org = await createOrganization({ name: "Listed", slug: "listed" });
    const scoped = await createApiKey({ organizationId: org.id, name: "listed key" });
    const all = await listApiKeys();
    expect(all.map((k) => k.id)).toContain(scoped.apiKey.id);
    expect(all.some((k) => k.organizationId === null)).toBe(true);
    expect((await listApiKeys({ organizationId: org.id })).map((k) => [k.id, k.organization?.slug])).toEqual([[scoped.apiKey.id, "listed"]]);
  });
});
