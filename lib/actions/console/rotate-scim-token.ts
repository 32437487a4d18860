"use server";

import { z } from "zod";
import { rotateScimToken } from "@/lib/auth/rotate-scim-token";
import { DomainError } from "@/lib/domain-error";
import { recordStaffAudit } from "@/lib/staff/record-staff-audit";
import { consoleAction } from "./console-action";
import { organizationOfDirectory } from "./organization-ref";
import { ROTATION_GRACE_HOURS } from "./rotation-grace";

const rotateInputSchema = z.object({
  directoryId: z.string().min(1),
  graceHours: z.coerce.number().refine((h) => (ROTATION_GRACE_HOURS as readonly number[]).includes(h), "must be one of the offered grace periods"),
  /** Set by the confirmation dialog that names the consequence of a rotation with no grace. */
  confirmCutOff: z.boolean().optional(),
  /** Cut short a grace period already promised to an older token: an admin's explicit choice. */
  shortenPromisedGrace: z.boolean().optional(),
});

// Support staff may rotate tokens with a grace period: the old one keeps working, so nothing breaks. Cutting
// the identity provider off at once (no grace, or shortening a grace already promised) is for admins, and
// only once they have confirmed it.
export const rotateScimTokenAction = consoleAction.inputSchema(rotateInputSchema).action(async ({ parsedInput, ctx }) => {
  const cutsOff = parsedInput.graceHours === 0 || parsedInput.shortenPromisedGrace === true;
  if (cutsOff && ctx.staff.role !== "admin") {
    throw new DomainError("FORBIDDEN", "Support staff can rotate a token only with a grace period, so the identity provider is never cut off. Ask an admin to stop the old token at once.", "graceHours");
  }
  if (parsedInput.graceHours === 0 && parsedInput.confirmCutOff !== true) {
    throw new DomainError("INVALID_INPUT", "A rotation with no grace period stops the current token at once: confirm it first.", "graceHours");
  }
  const organization = await organizationOfDirectory(parsedInput.directoryId);
  const rotated = await rotateScimToken({
    directoryId: parsedInput.directoryId,
    organizationId: organization.id,
    graceMs: parsedInput.graceHours * 3_600_000,
    shortenPromisedGrace: parsedInput.shortenPromisedGrace === true,
  });
  await recordStaffAudit({
    staff: ctx.staff,
    action: "scim_token.rotated",
    organization,
    target: { type: "directory", id: rotated.directoryId },
    detail: {
      newTokenPrefix: rotated.prefix,
      graceHours: parsedInput.graceHours,
      shortenedPromisedGrace: parsedInput.shortenPromisedGrace === true,
      previousTokensExpireAt: rotated.previousTokensExpireAt?.toISOString() ?? null,
    },
  });
  return {
    token: rotated.token,
    prefix: rotated.prefix,
    previousTokensExpireAt: rotated.previousTokensExpireAt?.toISOString() ?? null,
    previousTokens: rotated.previousTokens.map((t) => ({ prefix: t.prefix, expiresAt: t.expiresAt.toISOString() })),
  };
});
