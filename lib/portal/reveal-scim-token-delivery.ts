import { listActiveScimTokens } from "@/lib/auth/list-scim-tokens";
import { deliveryContext } from "@/lib/auth/rotate-scim-token-by-link";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/sql";
import { openSecret } from "@/lib/events/secret-box";

export type RevealedScimToken =
  | {
      ok: true;
      token: string;
      tokenPrefix: string;
      directoryId: string;
      /** The directory's other tokens that still work, each with when it stops: the grace the customer has to paste the new one. */
      previousTokens: { prefix: string; expiresAt: Date }[];
    }
  | { ok: false; reason: "none" | "already-shown" | "withdrawn" };

type Claimed = { sealed: string; directoryId: string; tokenPrefix: string; scimTokenId: string };

/**
 * Shows the token that staff sent with this setup link, once (issue 15, part 2). One statement both reads the
 * sealed token and erases it, under a row lock, so two tabs opening it at once cannot both see it, and after it
 * nothing is left to leak. It opens only while the link is neither revoked nor expired and the token still
 * works; otherwise the sealed value is erased unread. The organisation is in every `where`.
 */
export async function revealScimTokenDelivery({ organizationId, setupLinkId }: { organizationId: string; setupLinkId: string }): Promise<RevealedScimToken> {
  const [claimed] = await sql.query<Claimed>(
    `WITH target AS (
       SELECT d."setupLinkId", d."sealedToken"
         FROM "ScimTokenDelivery" d
         JOIN "SetupLink" l ON l."id" = d."setupLinkId" AND l."organizationId" = d."organizationId"
         JOIN "ScimToken" t ON t."id" = d."scimTokenId" AND t."organizationId" = d."organizationId"
        WHERE d."setupLinkId" = $1 AND d."organizationId" = $2 AND d."sealedToken" IS NOT NULL
          AND l."revokedAt" IS NULL AND l."expiresAt" > now()
          AND t."revokedAt" IS NULL AND (t."expiresAt" IS NULL OR t."expiresAt" > now())
          FOR UPDATE OF d
     )
     UPDATE "ScimTokenDelivery" d SET "sealedToken" = NULL, "revealedAt" = now()
       FROM target
      WHERE d."setupLinkId" = target."setupLinkId" AND d."organizationId" = $2
     RETURNING target."sealedToken" AS "sealed", d."directoryId", d."tokenPrefix", d."scimTokenId"`,
    [setupLinkId, organizationId],
  );
  if (!claimed) {
    // Nothing to show: say why, and erase a sealed token whose link or token has ended, so it is never kept for nothing.
    await db.scimTokenDelivery.updateMany({ where: { setupLinkId, organizationId, revealedAt: null, sealedToken: { not: null } }, data: { sealedToken: null } });
    const row = await db.scimTokenDelivery.findFirst({ where: { setupLinkId, organizationId }, select: { revealedAt: true } });
    return { ok: false, reason: !row ? "none" : row.revealedAt ? "already-shown" : "withdrawn" };
  }
  // The directory's other tokens that still work: what the customer has until they paste the new one.
  const previous = (await listActiveScimTokens({ organizationId, directoryId: claimed.directoryId }))
    .filter((t): t is typeof t & { expiresAt: Date } => t.id !== claimed.scimTokenId && t.expiresAt !== null)
    .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime());
  return {
    ok: true,
    token: openSecret(claimed.sealed, deliveryContext(setupLinkId)),
    tokenPrefix: claimed.tokenPrefix,
    directoryId: claimed.directoryId,
    previousTokens: previous.map((t) => ({ prefix: t.prefix, expiresAt: t.expiresAt })),
  };
}
