"use server";

import { z } from "zod";
import { createSetupLink, setupIntentSchema } from "@/lib/auth/create-setup-link";
import { recordStaffAudit } from "@/lib/staff/record-staff-audit";
import { consoleAction } from "./console-action";

// Support staff may issue setup links: it is how they get a customer started.
export const createSetupLinkAction = consoleAction
  .inputSchema(z.object({ organizationId: z.string().min(1), intent: setupIntentSchema.default("all"), expiresIn: z.string().default("7d") }))
  .action(async ({ parsedInput, ctx }) => {
    const { setupLink, organization, url } = await createSetupLink({ ...parsedInput, createdBy: `staff:${ctx.staff.email}`, issuerRole: ctx.staff.role });
    await recordStaffAudit({
      staff: ctx.staff,
      action: "setup_link.created",
      organization,
      target: { type: "setup_link", id: setupLink.id },
      detail: { prefix: setupLink.prefix, intent: setupLink.intent, expiresAt: setupLink.expiresAt.toISOString() },
    });
    // The URL carries the token: this is the only time it leaves the server.
    return { id: setupLink.id, url, prefix: setupLink.prefix, expiresAt: setupLink.expiresAt.toISOString() };
  });
