import { timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db/client";
import { hashToken, SCIM_TOKEN_PREFIX } from "./scim-token";

/** lastUsedAt is a support aid, not an audit trail: one write a minute per token is plenty. */
const LAST_USED_RESOLUTION_MS = 60_000;

export type ScimPrincipal = {
  directory: { id: string; organizationId: string; provider: string; syncMode: "FULL" | "DEPROVISION_ONLY"; status: "PENDING" | "ACTIVE" | "DISABLED"; name: string };
  token: { id: string; prefix: string };
};

/**
 * Resolves a bearer token for the directory named in the URL. The token must belong to that directory and be
 * neither revoked nor past its grace period. Every failure looks the same to the caller (null), so that a
 * token can't be probed against other directories.
 */
export async function authenticateScimToken({ directoryId, token }: { directoryId: string; token: string }): Promise<ScimPrincipal | null> {
  if (!token.startsWith(SCIM_TOKEN_PREFIX) || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const now = new Date();
  const row = await db.scimToken.findFirst({
    where: { tokenHash, directoryId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    include: { directory: true },
  });
  // The lookup is by hash through a unique index; comparing again in constant time costs nothing and keeps
  // the check honest if the query is ever changed to a prefix lookup.
  if (!row || !timingSafeEqual(Buffer.from(row.tokenHash, "hex"), Buffer.from(tokenHash, "hex"))) return null;

  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // Conditional, so concurrent requests in the same minute produce one write between them.
    await db.scimToken.updateMany({
      where: { id: row.id, directoryId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }] },
      data: { lastUsedAt: now },
    });
  }
  const d = row.directory;
  return {
    directory: { id: d.id, organizationId: d.organizationId, provider: d.provider, syncMode: d.syncMode, status: d.status, name: d.name },
    token: { id: row.id, prefix: row.prefix },
  };
}
