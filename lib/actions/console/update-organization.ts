"use server";

import { z } from "zod";
import { getOrganizationOrThrow } from "@/lib/organizations/get-organization-or-throw";
import { updateOrganization } from "@/lib/organizations/update-organization";
import { recordStaffAudit } from "@/lib/staff/record-staff-audit";
import { adminConsoleAction } from "./console-action";
import { splitDomains } from "./organization-ref";

export const updateOrganizationAction = adminConsoleAction
  .inputSchema(z.object({ organizationId: z.string().min(1), name: z.string(), slug: z.string(), domains: z.string().optional() }))
  .action(async ({ parsedInput, ctx }) => {
    const before = await getOrganizationOrThrow({ organizationId: parsedInput.organizationId });
    const after = await updateOrganization({ organizationId: before.id, name: parsedInput.name, slug: parsedInput.slug, domains: splitDomains(parsedInput.domains) });
    await recordStaffAudit({
      staff: ctx.staff,
      action: "organization.updated",
      organization: after,
      target: { type: "organization", id: after.id },
      detail: {
        before: { name: before.name, slug: before.slug, domains: before.domains },
        after: { name: after.name, slug: after.slug, domains: after.domains },
      },
    });
    return { id: after.id, slug: after.slug };
  });
