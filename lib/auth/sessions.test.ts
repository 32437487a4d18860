import { describe, expect, it } from "vitest";
import { createAccount } from "@/lib/accounts/create-account";
import { db } from "@/lib/db/client";
import { createOrganization } from "@/lib/organizations/create-organization";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { createSession } from "./create-session";
import { listSessions } from "./list-sessions";
import { revokeSession } from "./revoke-session";
import { hashToken } from "./scim-token";
import { verifySession } from "./verify-session";

setupTestDatabase();

let counter = 0;
async function newAccount(email = "ada@example.com") {
  const slug = `sessions-${counter++}`;
  const org = await createOrganization({ name: slug, slug });
  return createAccount({ organizationId: org.id, email, name: "Ada" });
}

describe("sessions", () => {
  it("start with a token shown once and stored as its SHA-256", async () => {
    const account = await newAccount();
    const { session, token } = await createSession({ accountId: account.id });
    expect(token).toMatch(/^rc_ses_[A-Za-z0-9_-]{43}$/);
    expect(session).toMatchObject({ id: expect.stringMatching(/^ses_/), accountId: account.id, organizationId: account.organizationId, revokedAt: null });
    const ttl = (session.expiresAt.getTime() - session.createdAt.getTime()) / 86_400_000;
    expect(ttl).toBeCloseTo(7, 3);
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "Session" WHERE "id" = $1`, session.id);
    expect(JSON.stringify(rows)).not.toContain(token.slice(7));
    expect(rows[0]!.tokenHash).toBe(hashToken(token));
  });

  it("verify as valid with their account", async () => {
    const account = await newAccount();
    const { session, token } = await createSession({ accountId: account.id, ttlSeconds: 3600 });
    const result = await verifySession({ token });
    expect(result).toMatchObject({ valid: true, session: { id: session.id }, account: { id: account.id, email: "ada@example.com", status: "active", source: "manual" } });
  });

  it("verify revoked sessions as revoked", async () => {
    const account = await newAccount();
    const { session, token } = await createSession({ accountId: account.id });
    const revoked = await revokeSession({ sessionId: session.id });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await verifySession({ token })).toEqual({ valid: false, reason: "revoked" });
    // Revoking again is harmless and keeps the first time.
    expect((await revokeSession({ sessionId: session.id })).revokedAt!.getTime()).toBe(revoked.revokedAt!.getTime());
  });

  it("verify expired sessions as expired", async () => {
    const account = await newAccount();
    const { session, token } = await createSession({ accountId: account.id });
    await db.session.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await verifySession({ token })).toEqual({ valid: false, reason: "expired" });
  });

  it("verify a deactivated account's sessions as account_deactivated, revoked or not", async () => {
    const account = await newAccount();
    const kept = await createSession({ accountId: account.id });
    const revoked = await createSession({ accountId: account.id });
    // What deprovisioning does (lib/directory/sync-account.ts): deactivate, and revoke the sessions.
    await db.account.update({ where: { id: account.id }, data: { status: "deactivated", deactivatedAt: new Date() } });
    await revokeSession({ sessionId: revoked.session.id });
    expect(await verifySession({ token: kept.token })).toEqual({ valid: false, reason: "account_deactivated" });
    expect(await verifySession({ token: revoked.token })).toEqual({ valid: false, reason: "account_deactivated" });
  });

  it.each([["an unknown token", `rc_ses_${"A".repeat(43)}`], ["an API key", `rc_key_${"A".repeat(43)}`], ["an empty string", ""]])("verify %s as unknown", async (_label, token) => {
    expect(await verifySession({ token })).toEqual({ valid: false, reason: "unknown" });
  });

  it("cannot start for a deactivated account", async () => {
    const account = await newAccount();
    await db.account.update({ where: { id: account.id }, data: { status: "deactivated" } });
    await expect(createSession({ accountId: account.id })).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("is deactivated") });
    expect(await db.session.count({ where: { accountId: account.id } })).toBe(0);
  });

  it("refuse a lifetime outside 1 second to 90 days", async () => {
    const account = await newAccount();
    await expect(createSession({ accountId: account.id, ttlSeconds: 0 })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(createSession({ accountId: account.id, ttlSeconds: 91 * 86_400 })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("stay inside their organisation: another organisation's caller cannot start, verify, revoke or list them", async () => {
    const a = await newAccount("a@example.com");
    const b = await newAccount("b@example.com");
    const { session, token } = await createSession({ accountId: b.id });
    await expect(createSession({ accountId: b.id, organizationId: a.organizationId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await verifySession({ token, organizationId: a.organizationId })).toEqual({ valid: false, reason: "unknown" });
    expect(await verifySession({ token, organizationId: b.organizationId })).toMatchObject({ valid: true });
    await expect(revokeSession({ sessionId: session.id, organizationId: a.organizationId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listSessions({ accountId: b.id, organizationId: a.organizationId, limit: 10 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await verifySession({ token })).toMatchObject({ valid: true });
  });

  it("list an account's sessions a page at a time", async () => {
    const account = await newAccount();
    const other = await newAccount();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createSession({ accountId: account.id })).session.id);
    await createSession({ accountId: other.id });
    const first = await listSessions({ accountId: account.id, limit: 2 });
    const second = await listSessions({ accountId: account.id, limit: 2, after: first.nextCursor! });
    const third = await listSessions({ accountId: account.id, limit: 2, after: second.nextCursor! });
    expect([...first.data, ...second.data, ...third.data].map((s) => s.id)).toEqual([...ids].sort());
    expect(third.nextCursor).toBeNull();
  });
});
