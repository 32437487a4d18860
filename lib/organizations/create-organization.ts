import { z } from "zod";
import { db } from "@/lib/db/client";
import { DomainError, isUniqueViolation } from "@/lib/domain-error";
import { newId } from "@/lib/ids";
import { parseInput } from "@/lib/validation";
import { domainNameSchema, organizationNameSchema, organizationSlugSchema, supportContactSchema } from "./schemas";

export const createOrganizationInputSchema = z.object({
  name: organizationNameSchema,
  slug: organizationSlugSchema,
  domains: z.array(domainNameSchema).default([]),
  supportContact: supportContactSchema.nullish(),
});

export async function createOrganization(input: z.input<typeof createOrganizationInputSchema>) {
  const data = parseInput(createOrganizationInputSchema, input);
  try {
    return await db.organization.create({
      data: { id: newId("org"), name: data.name, slug: data.slug, domains: [...new Set(data.domains)], supportContact: data.supportContact ?? null },
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError("CONFLICT", `An organization with slug "${data.slug}" already exists`, "slug");
    throw err;
  }
}
