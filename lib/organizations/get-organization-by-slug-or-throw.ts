import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/domain-error";

export async function getOrganizationBySlugOrThrow(slug: string) {
  const organization = await db.organization.findUnique({ where: { slug: slug.trim().toLowerCase() } });
  if (!organization) throw new DomainError("NOT_FOUND", `No organization with slug "${slug}"`, "org");
  return organization;
}
