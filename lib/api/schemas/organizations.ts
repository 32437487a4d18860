import { domainNameSchema, organizationNameSchema, organizationSlugSchema, supportContactSchema } from "@/lib/organizations/schemas";
import { z } from "zod";
import { pageQuerySchema, timestamp } from "./shared";

export const organizationSchema = z
  .object({ id: z.string().meta({ example: "org_01jz8r3k5v9w2x4y6z8a0b2c4d" }), slug: z.string(), name: z.string(), domains: z.array(z.string()),
    support_contact: z.string().nullable().describe("Whom the organisation's admin asks for a new setup link (an email or web address), named on expired and revoked setup links; null: the operator's contact."),
    created_at: timestamp, updated_at: timestamp })
  .meta({ id: "Organization" });

export const listOrganizationsQuerySchema = pageQuerySchema;

export const createOrganizationBodySchema = z.strictObject({
  name: organizationNameSchema,
  slug: organizationSlugSchema,
  domains: z.array(domainNameSchema).max(100, "must list at most 100 domains").default([]),
  support_contact: supportContactSchema.nullish(),
});

export const updateOrganizationBodySchema = z.strictObject({
  name: organizationNameSchema.optional(),
  slug: organizationSlugSchema.optional(),
  domains: z.array(domainNameSchema).max(100, "must list at most 100 domains").optional().describe("Replaces the list."),
  support_contact: supportContactSchema.nullable().optional().describe("null removes it."),
});
