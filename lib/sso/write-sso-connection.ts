import { db } from "@/lib/db/client";
import type { Prisma, SsoConnection } from "@/lib/db/generated/client";
import { DomainError, isUniqueViolation } from "@/lib/domain-error";
import { newId } from "@/lib/ids";

/** Every column a save sets: each protocol's save also clears the other protocol's columns. */
export type SsoConnectionFields = Omit<Prisma.SsoConnectionUncheckedCreateInput, "id" | "organizationId" | "createdAt" | "updatedAt">;

/**
 * Creates or replaces the organisation's one SSO connection. The existing row is locked while `build`
 * decides its columns from it, so a save that keeps the stored client secret cannot interleave with one
 * that removes it. The row keeps its id for life: the sealed client secret is bound to it.
 */
export async function writeSsoConnection(
  organizationId: string,
  build: (current: SsoConnection | null, id: string) => SsoConnectionFields,
): Promise<SsoConnection> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const organization = await tx.organization.findUnique({ where: { id: organizationId }, select: { id: true } });
        if (!organization) throw new DomainError("NOT_FOUND", "Organization not found", "organizationId");
        const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "SsoConnection" WHERE "organizationId" = ${organizationId} FOR UPDATE`;
        const current = locked.length > 0 ? await tx.ssoConnection.findUnique({ where: { organizationId } }) : null;
        if (current) return tx.ssoConnection.update({ where: { organizationId }, data: build(current, current.id) });
        const id = newId("sso");
        return tx.ssoConnection.create({ data: { ...build(null, id), id, organizationId } });
      });
    } catch (err) {
      // Two first saves at once: the second insert hits the unique organizationId; it becomes an update.
      if (attempt < 3 && isUniqueViolation(err)) continue;
      throw err;
    }
  }
}
