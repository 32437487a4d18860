"use server";

import { z } from "zod";
import { deleteOrganization } from "@/lib/organizations/delete-organization";
import { getOrganizationOrThrow } from "@/lib/organizations/get-organization-or-throw";
import { recordStaffAudit } from "@/lib/staff/record-staff-audit";
import { adminConsoleAction } from "./console-action";

export const deleteOrganizationAction = adminConsoleAction
  .inputSchema(z.object({ organizationId: z.string().min(1) }))
  .action(async ({ parsedInput, ctx }) => {
    const organization = await getOrganizationOrThrow({ organizationId: parsedInput.organizationId });
    await deleteOrganization({ organizationId: organization.id, deletedBy: `staff:${ctx.staff.email}` });
    await recordStaffAudit({
      staff: ctx.staff,
      action: "organization.deleted",
      organization,
      target: { type: "organization", id: organization.id },
      detail: { name: organization.name, slug: organization.slug },
    });
    return { deleted: true };
  });
