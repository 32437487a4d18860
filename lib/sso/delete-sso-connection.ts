import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/domain-error";

/**
 * Removes the organisation's SSO connection, with its sealed client secret; sign-in through it stops at
 * once. Nothing else of the organisation changes: accounts and their sessions stay.
 */
export async function deleteSsoConnection({ organizationId }: { organizationId: string }): Promise<void> {
  const { count } = await db.ssoConnection.deleteMany({ where: { organizationId } });
  if (count === 0) throw new DomainError("NOT_FOUND", "The organization has no SSO connection to remove");
}
