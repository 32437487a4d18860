import { describe, expect, it, vi } from "vitest";
import { updateDirectory } from "@/lib/directory/update-directory";
import { createDirectory } from "@/lib/directory/create-directory";
import { createOrganization } from "@/lib/organizations/create-organization";
import { queryOnce } from "@/lib/testing/query-once";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { revokeScimTokens } from "./revoke-scim-tokens";
import { rotateScimToken } from "./rotate-scim-token";
import { authenticateScimTokenCached, isKeepingScimPrincipals } from "./scim-principal-cache";

const databaseUrl = setupTestDatabase();

async function newDirectory(slug: string) {
  const org = await createOrganization({ name: slug, slug });
  const created = await createDirectory({ organizationId: org.id, provider: "okta", syncMode: "FULL" });
  return { directoryId: created.directory.id, token: created.token };
}

/** Resolves the token once the cache listens, so that the next call is answered from memory. */
async function kept(directoryId: string, token: string) {
  await authenticateScimTokenCached({ directoryId, token });
  await vi.waitFor(() => expect(isKeepingScimPrincipals()).toBe(true), { timeout: 5_000 });
  const principal = await authenticateScimTokenCached({ directoryId, token });
  expect(principal?.directory.id).toBe(directoryId);
  return principal!;
}

/** A change made by another process (the CLI, another server): its own connection, nothing of this module's. */
const elsewhere = (text: string, params: unknown[]) => queryOnce(databaseUrl(), text, params);

describe("SCIM principals kept in memory (issue 13)", () => {
  it("a token revoked by another process stops being accepted as soon as the notification arrives", async () => {
    const { directoryId, token } = await newDirectory("kept-revoked-elsewhere");
    await kept(directoryId, token);
    await elsewhere(`UPDATE "ScimToken" SET "revokedAt" = now() WHERE "directoryId" = $1`, [directoryId]);
    const stoppedAt = Date.now();
    await vi.waitFor(async () => expect(await authenticateScimTokenCached({ directoryId, token })).toBeNull(), { timeout: 2_000, interval: 5 });
    // A notification on loopback, not the minute after which a kept principal is asked again anyway.
    expect(Date.now() - stoppedAt).toBeLessThan(2_000);
  });

  it("a directory disabled by another process is seen disabled by the next requests", async () => {
    const { directoryId, token } = await newDirectory("kept-disabled-elsewhere");
    expect((await kept(directoryId, token)).directory.status).toBe("PENDING");
    await elsewhere(`UPDATE "Directory" SET "status" = 'DISABLED' WHERE "id" = $1`, [directoryId]);
    await vi.waitFor(async () => expect((await authenticateScimTokenCached({ directoryId, token }))?.directory.status).toBe("DISABLED"), { timeout: 2_000, interval: 5 });
  });

  it("a revocation, rotation or sync-mode change made in this process holds from the very next call", async () => {
    const a = await newDirectory("kept-revoked-here");
    await kept(a.directoryId, a.token);
    await revokeScimTokens({ directoryId: a.directoryId });
    expect(await authenticateScimTokenCached(a)).toBeNull();

    const b = await newDirectory("kept-rotated-here");
    await kept(b.directoryId, b.token);
    const rotated = await rotateScimToken({ directoryId: b.directoryId, graceMs: 0 });
    expect(await authenticateScimTokenCached(b)).toBeNull();
    expect(await authenticateScimTokenCached({ directoryId: b.directoryId, token: rotated.token })).not.toBeNull();

    const c = await newDirectory("kept-mode-here");
    expect((await kept(c.directoryId, c.token)).directory.syncMode).toBe("FULL");
    await updateDirectory({ directoryId: c.directoryId, syncMode: "DEPROVISION_ONLY" });
    expect((await authenticateScimTokenCached(c))?.directory.syncMode).toBe("DEPROVISION_ONLY");
  });

  it("a token in its grace period stops at its end by the clock, with no notification", async () => {
    const { directoryId, token } = await newDirectory("kept-grace");
    await rotateScimToken({ directoryId, graceMs: 1_500 });
    await kept(directoryId, token);
    expect(await authenticateScimTokenCached({ directoryId, token })).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect(await authenticateScimTokenCached({ directoryId, token })).toBeNull();
  });

  it("a change that notified no one is served from memory only while the LISTEN holds: losing it forgets everything", async () => {
    const { directoryId, token } = await newDirectory("kept-listener-lost");
    await kept(directoryId, token);
    // Triggers off for this statement: the one kind of change the cache cannot hear of (bounded by a minute's age).
    // (No parameters: one simple-protocol message, both statements on the same connection.)
    await elsewhere(`SET session_replication_role = replica; UPDATE "ScimToken" SET "revokedAt" = now() WHERE "directoryId" = '${directoryId}'`, []);
    expect(await authenticateScimTokenCached({ directoryId, token })).not.toBeNull();
    // The listener's connection dies (a restart, a failover): what it might have missed must not be served.
    await elsewhere(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN rollcall_scim_auth_changed'`, []);
    await vi.waitFor(async () => expect(await authenticateScimTokenCached({ directoryId, token })).toBeNull(), { timeout: 2_000, interval: 5 });
    // And it listens again, on a fresh connection.
    await vi.waitFor(() => expect(isKeepingScimPrincipals()).toBe(true), { timeout: 5_000 });
  });

  it("keeps no wrong token: each one reaches the database", async () => {
    const { directoryId, token } = await newDirectory("kept-wrong");
    await kept(directoryId, token);
    expect(await authenticateScimTokenCached({ directoryId, token: `${token}x` })).toBeNull();
    const other = await newDirectory("kept-wrong-other");
    expect(await authenticateScimTokenCached({ directoryId: other.directoryId, token })).toBeNull();
  });

  it("with SCIM_TOKEN_CACHE=off (a pooler in transaction mode) every call asks the database", async () => {
    const { directoryId, token } = await newDirectory("kept-off");
    await kept(directoryId, token);
    process.env.SCIM_TOKEN_CACHE = "off";
    vi.resetModules();
    try {
      // A fresh module graph, so that the configuration is read again.
      const { authenticateScimTokenCached: uncached } = await import("./scim-principal-cache");
      expect(await uncached({ directoryId, token })).not.toBeNull();
      await elsewhere(`SET session_replication_role = replica; UPDATE "ScimToken" SET "revokedAt" = now() WHERE "directoryId" = '${directoryId}'`, []);
      expect(await uncached({ directoryId, token })).toBeNull();
    } finally {
      delete process.env.SCIM_TOKEN_CACHE;
      vi.resetModules();
    }
  });

  // Last: it empties the table for every directory of this file.
  it("a TRUNCATE of the tokens by another process is heard too", async () => {
    const { directoryId, token } = await newDirectory("kept-truncated");
    await kept(directoryId, token);
    await elsewhere(`TRUNCATE "ScimToken" CASCADE`, []);
    await vi.waitFor(async () => expect(await authenticateScimTokenCached({ directoryId, token })).toBeNull(), { timeout: 2_000, interval: 5 });
  });
});
