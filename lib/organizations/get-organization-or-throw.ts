import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/domain-error";

export async function getOrganizationOrThrow({ organizationId }: { organizationId: string }) {
  const organization = await db.organization.findUnique({ where: { id: organizationId } });
  if (!organization) throw new DomainError("NOT_FOUND", `Organization ${organizationId} not found`, "organization");
  return organization;
}
