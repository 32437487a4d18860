import { z } from "zod";
import { db } from "@/lib/db/client";
import { DomainError, isUniqueViolation } from "@/lib/domain-error";
import { parseInput } from "@/lib/validation";
import { domainNameSchema, organizationNameSchema, organizationSlugSchema, supportContactSchema } from "./schemas";

export const updateOrganizationInputSchema = z.object({
  organizationId: z.string().min(1),
  name: organizationNameSchema.optional(),
  slug: organizationSlugSchema.optional(),
  /** Replaces the list. */
  domains: z.array(domainNameSchema).optional(),
  /** null removes it: the operator's SUPPORT_CONTACT is named instead. */
  supportContact: supportContactSchema.nullable().optional(),
});

/** Changes what is given and leaves the rest. A slug taken by another organisation is a conflict. */
export async function updateOrganization(input: z.input<typeof updateOrganizationInputSchema>) {
  const { organizationId, name, slug, domains, supportContact } = parseInput(updateOrganizationInputSchema, input);
  try {
    const { count } = await db.organization.updateMany({
      where: { id: organizationId },
      data: { ...(name !== undefined && { name }), ...(slug !== undefined && { slug }), ...(domains !== undefined && { domains: [...new Set(domains)] }), ...(supportContact !== undefined && { supportContact }) },
    });
    if (count === 0) throw new DomainError("NOT_FOUND", `Organization ${organizationId} not found`, "organization");
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError("CONFLICT", `An organization with slug "${slug}" already exists`, "slug");
    throw err;
  }
  return db.organization.findUniqueOrThrow({ where: { id: organizationId } });
}
