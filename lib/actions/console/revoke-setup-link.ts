"use server";

import { z } from "zod";
import { revokeSetupLink } from "@/lib/auth/revoke-setup-link";
import { recordStaffAudit } from "@/lib/staff/record-staff-audit";
import { adminConsoleAction } from "./console-action";
import { organizationRef } from "./organization-ref";

export const revokeSetupLinkAction = adminConsoleAction
  .inputSchema(z.object({ organizationId: z.string().min(1), setupLinkId: z.string().min(1) }))
  .action(async ({ parsedInput, ctx }) => {
    const organization = await organizationRef(parsedInput.organizationId);
    const { setupLink } = await revokeSetupLink({ organizationId: organization.id, setupLinkId: parsedInput.setupLinkId });
    await recordStaffAudit({ staff: ctx.staff, action: "setup_link.revoked", organization, target: { type: "setup_link", id: setupLink.id }, detail: { prefix: setupLink.prefix } });
    return { status: setupLink.status };
  });
