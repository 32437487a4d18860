import { db, type DbTx } from "@/lib/db/client";
import { DomainError } from "@/lib/domain-error";
import { issueScimToken } from "./issue-scim-token";
import { forgetScimPrincipals } from "./scim-principal-cache";

export type RotateScimTokenInput = {
  directoryId: string;
  graceMs: number;
  organizationId?: string;
  /**
   * Bring forward the end of a grace period already promised to an older token when the new grace ends sooner
   * (a leaked token). Off by default, so a second rotation never cuts off a token that the customer was told
   * keeps working until a given time; the console offers it to admins only.
   */
  shortenPromisedGrace?: boolean;
};

/**
 * Issues a new token. The directory's current tokens keep working for `graceMs` (so the admin can paste the
 * new one into the identity provider without an outage), then stop. A token already in a grace period keeps
 * the end it was promised: an earlier end stays earlier, and a later one is shortened only on request.
 * Answers the tokens that still work besides the new one, each with when it stops.
 */
export async function rotateScimToken(input: RotateScimTokenInput) {
  const rotated = await db.$transaction((tx) => rotateScimTokenInTx(tx, input));
  // Committed: the old tokens' new end must hold on this server from the next request (lib/auth/scim-principal-cache.ts).
  forgetScimPrincipals();
  return rotated;
}

/** The same rotation inside the caller's transaction, for a change that must happen with it or not at all. */
export async function rotateScimTokenInTx(tx: DbTx, { directoryId, graceMs, organizationId, shortenPromisedGrace = false }: RotateScimTokenInput) {
  if (!Number.isFinite(graceMs) || graceMs < 0) throw new DomainError("INVALID_INPUT", "grace must be zero or a positive duration", "grace");
  const directory = await tx.directory.findFirst({ where: { id: directoryId, ...(organizationId && { organizationId }) } });
  if (!directory) throw new DomainError("NOT_FOUND", `Directory ${directoryId} not found`, "directory");
  const now = new Date();
  const graceEndsAt = new Date(now.getTime() + graceMs);
  const scope = { directoryId: directory.id, organizationId: directory.organizationId, revokedAt: null };
  const { count } = await tx.scimToken.updateMany({
    where: { ...scope, OR: [{ expiresAt: null }, ...(shortenPromisedGrace ? [{ expiresAt: { gt: graceEndsAt } }] : [])] },
    data: { expiresAt: graceEndsAt },
  });
  const issued = await issueScimToken(tx, { organizationId: directory.organizationId, directoryId: directory.id });
  const stillWorking = await tx.scimToken.findMany({
    where: { ...scope, id: { not: issued.id }, expiresAt: { gt: now } },
    select: { prefix: true, expiresAt: true },
    orderBy: { expiresAt: "asc" },
  });
  return {
    ...issued,
    directoryId: directory.id,
    previousTokensExpireAt: count > 0 ? graceEndsAt : null,
    previousTokens: stillWorking.map((t) => ({ prefix: t.prefix, expiresAt: t.expiresAt! })),
  };
}
