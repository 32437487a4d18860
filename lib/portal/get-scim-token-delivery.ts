import { db } from "@/lib/db/client";
import type { DirectoryProvider } from "@/lib/db/generated/enums";

export type ScimTokenDeliveryView = { tokenPrefix: string; directoryId: string; provider: DirectoryProvider } & (
  | { status: "ready" }
  | { status: "shown"; revealedAt: Date }
  /** Erased unseen: the link was revoked or ran out, or the token stopped working before anyone opened it. */
  | { status: "withdrawn" }
);

/**
 * Whether the setup link behind a portal session carries a rotated SCIM token, and whether it was shown yet.
 * Never the token itself. Null for a link that carries none (most links). The organisation is in the `where`.
 */
export async function getScimTokenDelivery({ organizationId, setupLinkId }: { organizationId: string; setupLinkId: string }): Promise<ScimTokenDeliveryView | null> {
  const row = await db.scimTokenDelivery.findFirst({
    where: { setupLinkId, organizationId },
    select: { tokenPrefix: true, directoryId: true, revealedAt: true, sealedToken: true, scimToken: { select: { directory: { select: { provider: true } } } } },
  });
  if (!row) return null;
  const base = { tokenPrefix: row.tokenPrefix, directoryId: row.directoryId, provider: row.scimToken.directory.provider };
  if (row.revealedAt) return { ...base, status: "shown", revealedAt: row.revealedAt };
  if (row.sealedToken === null) return { ...base, status: "withdrawn" };
  return { ...base, status: "ready" };
}
