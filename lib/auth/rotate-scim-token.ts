import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/domain-error";
import { issueScimToken } from "./issue-scim-token";

/**
 * Issues a new token. The directory's current tokens keep working for `graceMs` (so the admin can paste the
 * new one into the identity provider without an outage), then stop. A token already due to stop sooner
 * keeps its earlier end.
 */
export async function rotateScimToken({ directoryId, graceMs, organizationId }: { directoryId: string; graceMs: number; organizationId?: string }) {
  if (!Number.isFinite(graceMs) || graceMs < 0) throw new DomainError("INVALID_INPUT", "grace must be zero or a positive duration", "grace");
  return db.$transaction(async (tx) => {
    const directory = await tx.directory.findFirst({ where: { id: directoryId, ...(organizationId && { organizationId }) } });
    if (!directory) throw new DomainError("NOT_FOUND", `Directory ${directoryId} not found`, "directory");
    const now = new Date();
    const graceEndsAt = new Date(now.getTime() + graceMs);
    const { count } = await tx.scimToken.updateMany({
      where: {
        directoryId: directory.id,
        organizationId: directory.organizationId,
        revokedAt: null,
        OR: [{ expiresAt: null }, { expiresAt: { gt: graceEndsAt } }],
      },
      data: { expiresAt: graceEndsAt },
    });
    const issued = await issueScimToken(tx, { organizationId: directory.organizationId, directoryId: directory.id });
    return { ...issued, directoryId: directory.id, previousTokensExpireAt: count > 0 ? graceEndsAt : null };
  });
}
