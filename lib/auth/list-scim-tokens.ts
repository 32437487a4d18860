import { db } from "@/lib/db/client";

/** A directory's tokens that still work (not revoked, not past their grace period), for display: never the token itself. */
export async function listActiveScimTokens({ directoryId, organizationId }: { directoryId: string; organizationId: string }) {
  return db.scimToken.findMany({
    where: { directoryId, organizationId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
    select: { id: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true },
    orderBy: { createdAt: "asc" },
  });
}
