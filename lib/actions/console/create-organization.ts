"use server";

import { z } from "zod";
import { createOrganization } from "@/lib/organizations/create-organization";
import { recordStaffAudit } from "@/lib/staff/record-staff-audit";
import { adminConsoleAction } from "./console-action";
import { splitDomains } from "./organization-ref";

export const createOrganizationAction = adminConsoleAction
  .inputSchema(z.object({ name: z.string(), slug: z.string(), domains: z.string().optional() }))
  .action(async ({ parsedInput, ctx }) => {
    const organization = await createOrganization({ name: parsedInput.name, slug: parsedInput.slug, domains: splitDomains(parsedInput.domains) });
    await recordStaffAudit({
      staff: ctx.staff,
      action: "organization.created",
      organization,
      target: { type: "organization", id: organization.id },
      detail: { name: organization.name, slug: organization.slug, domains: organization.domains },
    });
    return { id: organization.id, slug: organization.slug };
  });
