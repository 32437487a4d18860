"use server";

import { z } from "zod";
import { rotateScimToken } from "@/lib/auth/rotate-scim-token";
import { recordStaffAudit } from "@/lib/staff/record-staff-audit";
import { consoleAction } from "./console-action";
import { organizationOfDirectory } from "./organization-ref";
import { ROTATION_GRACE_HOURS } from "./rotation-grace";

// Support staff may rotate tokens: the old one keeps working for the grace period, so nothing breaks.
export const rotateScimTokenAction = consoleAction
  .inputSchema(z.object({ directoryId: z.string().min(1), graceHours: z.coerce.number().refine((h) => (ROTATION_GRACE_HOURS as readonly number[]).includes(h), "must be one of the offered grace periods") }))
  .action(async ({ parsedInput, ctx }) => {
    const organization = await organizationOfDirectory(parsedInput.directoryId);
    const rotated = await rotateScimToken({ directoryId: parsedInput.directoryId, organizationId: organization.id, graceMs: parsedInput.graceHours * 3_600_000 });
    await recordStaffAudit({
      staff: ctx.staff,
      action: "scim_token.rotated",
      organization,
      target: { type: "directory", id: rotated.directoryId },
      detail: { newTokenPrefix: rotated.prefix, graceHours: parsedInput.graceHours, previousTokensExpireAt: rotated.previousTokensExpireAt?.toISOString() ?? null },
    });
    return { token: rotated.token, prefix: rotated.prefix, previousTokensExpireAt: rotated.previousTokensExpireAt?.toISOString() ?? null };
  });
