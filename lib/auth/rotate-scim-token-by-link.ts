import ms from "ms";
import { db } from "@/lib/db/client";
import { sealSecret } from "@/lib/events/secret-box";
import { newId } from "@/lib/ids";
import { rotateScimTokenInTx } from "./rotate-scim-token";
import { generateSetupLinkToken } from "./setup-link-token";
import { setupLinkUrl } from "./setup-link-url";
import { forgetScimPrincipals } from "./scim-principal-cache";

/** How long the link that carries a rotated token works: a setup link's usual week. */
export const TOKEN_LINK_LIFETIME_MS = ms("7d");

/** The associated data a delivered token is sealed with: a ciphertext copied to another link's row does not open there. */
export const deliveryContext = (setupLinkId: string) => `scim-token-delivery:${setupLinkId}`;

export type RotateScimTokenByLinkInput = {
  organizationId: string;
  directoryId: string;
  graceMs: number;
  shortenPromisedGrace?: boolean;
  /** "staff:<email>", for the console's list of links and the audit trail. */
  createdBy: string;
  /** The issuing staff member's role: a link issued by support can do no more in the portal than support can. */
  issuerRole: "admin" | "support";
};

/**
 * Rotates a directory's token and, in the same transaction, issues a setup link scoped to directory sync that
 * carries the new token, sealed, to the customer's admin (issue 15, part 2). The caller gets the link's URL,
 * never the token: the person who rotates does not see the secret, and nobody pastes it into a ticket or a chat.
 * Either the rotation and its link both exist, or neither does, so a rotated token is never stranded unseen.
 */
export async function rotateScimTokenByLink({ organizationId, directoryId, graceMs, shortenPromisedGrace, createdBy, issuerRole }: RotateScimTokenByLinkInput) {
  const link = generateSetupLinkToken();
  const linkId = newId("lnk");
  const expiresAt = new Date(Date.now() + TOKEN_LINK_LIFETIME_MS);
  const { rotated, setupLink } = await db.$transaction(async (tx) => {
    const rotated = await rotateScimTokenInTx(tx, { organizationId, directoryId, graceMs, shortenPromisedGrace });
    const setupLink = await tx.setupLink.create({
      data: { id: linkId, organizationId, tokenHash: link.hash, prefix: link.prefix, intent: "dsync", createdBy, issuerRole, expiresAt },
    });
    await tx.scimTokenDelivery.create({
      data: {
        setupLinkId: setupLink.id,
        organizationId,
        directoryId: rotated.directoryId,
        scimTokenId: rotated.id,
        tokenPrefix: rotated.prefix,
        sealedToken: sealSecret(rotated.token, deliveryContext(setupLink.id)),
      },
    });
    return { rotated, setupLink };
  });
  forgetScimPrincipals();
  return {
    directoryId: rotated.directoryId,
    tokenPrefix: rotated.prefix,
    previousTokensExpireAt: rotated.previousTokensExpireAt,
    previousTokens: rotated.previousTokens,
    setupLink: { id: setupLink.id, prefix: setupLink.prefix, expiresAt: setupLink.expiresAt },
    // The link's token is the only secret that leaves: it is the customer's key to the sealed SCIM token.
    url: setupLinkUrl(link.token),
  };
}
