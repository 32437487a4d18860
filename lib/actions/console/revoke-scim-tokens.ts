"use server";

import { z } from "zod";
import { revokeScimTokens } from "@/lib/auth/revoke-scim-tokens";
import { recordStaffAudit } from "@/lib/staff/record-staff-audit";
import { adminConsoleAction } from "./console-action";
import { organizationOfDirectory } from "./organization-ref";

/** Stops one token (by its display prefix) or all of a directory's tokens at once, grace period or not. */
export const revokeScimTokensAction = adminConsoleAction
  .inputSchema(z.object({ directoryId: z.string().min(1), prefix: z.string().min(1).optional() }))
  .action(async ({ parsedInput, ctx }) => {
    const organization = await organizationOfDirectory(parsedInput.directoryId);
    const { revoked } = await revokeScimTokens({ directoryId: parsedInput.directoryId, organizationId: organization.id, prefix: parsedInput.prefix });
    await recordStaffAudit({
      staff: ctx.staff,
      action: "scim_token.revoked",
      organization,
      target: { type: "directory", id: parsedInput.directoryId },
      detail: { prefix: parsedInput.prefix ?? null, revoked },
    });
    return { revoked };
  });
