import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/domain-error";
import { forgetScimPrincipals } from "./scim-principal-cache";

/** Stops a directory's tokens at once: all of them, or those whose display prefix starts with `prefix`. */
export async function revokeScimTokens({ directoryId, prefix, organizationId }: { directoryId: string; prefix?: string; organizationId?: string }) {
  const directory = await db.directory.findFirst({ where: { id: directoryId, ...(organizationId && { organizationId }) } });
  if (!directory) throw new DomainError("NOT_FOUND", `Directory ${directoryId} not found`, "directory");
  const { count } = await db.scimToken.updateMany({
    where: {
      directoryId: directory.id,
      organizationId: directory.organizationId,
      revokedAt: null,
      // Only tokens that still work: one whose grace period has ended is already stopped, and counting it
      // would tell the operator more tokens were stopped than were.
      OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }],
      ...(prefix && { prefix: { startsWith: prefix } }),
    },
    data: { revokedAt: new Date() },
  });
  // Stopped on this server from the next request, not when the trigger's notification arrives (scim-principal-cache.ts).
  forgetScimPrincipals();
  if (prefix && count === 0) throw new DomainError("NOT_FOUND", `No active token with prefix "${prefix}" on directory ${directoryId}`, "token-prefix");
  return { revoked: count };
}
