"use server";

import { z } from "zod";
import { rotateScimToken } from "@/lib/auth/rotate-scim-token";
import { rotateScimTokenByLink } from "@/lib/auth/rotate-scim-token-by-link";
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
  /**
   * "link": the new token goes to the customer's admin in a fresh setup link (directory sync only) that shows it
   * once; the staff member sees the link, never the token. "screen": the staff member sees the token.
   */
  deliverBy: z.enum(["screen", "link"], { error: "must be screen or link" }).default("screen"),
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
  const rotation = {
    directoryId: parsedInput.directoryId,
    organizationId: organization.id,
    graceMs: parsedInput.graceHours * 3_600_000,
    shortenPromisedGrace: parsedInput.shortenPromisedGrace === true,
  };
  const rotatedDetail = {
    graceHours: parsedInput.graceHours,
    shortenedPromisedGrace: parsedInput.shortenPromisedGrace === true,
  };
  if (parsedInput.deliverBy === "link") {
    const sent = await rotateScimTokenByLink({ ...rotation, createdBy: `staff:${ctx.staff.email}`, issuerRole: ctx.staff.role });
    await recordStaffAudit({
      staff: ctx.staff,
      action: "scim_token.rotated",
      organization,
      target: { type: "directory", id: sent.directoryId },
      detail: { ...rotatedDetail, newTokenPrefix: sent.tokenPrefix, previousTokensExpireAt: sent.previousTokensExpireAt?.toISOString() ?? null, deliveredBySetupLink: sent.setupLink.prefix },
    });
    await recordStaffAudit({
      staff: ctx.staff,
      action: "setup_link.created",
      organization,
      target: { type: "setup_link", id: sent.setupLink.id },
      detail: { prefix: sent.setupLink.prefix, intent: "dsync", expiresAt: sent.setupLink.expiresAt.toISOString(), carriesScimToken: sent.tokenPrefix },
    });
    // The URL is the customer's key to the token; the token itself never reaches the console.
    return {
      delivery: "link" as const,
      url: sent.url,
      linkExpiresAt: sent.setupLink.expiresAt.toISOString(),
      prefix: sent.tokenPrefix,
      previousTokensExpireAt: sent.previousTokensExpireAt?.toISOString() ?? null,
      previousTokens: sent.previousTokens.map((t) => ({ prefix: t.prefix, expiresAt: t.expiresAt.toISOString() })),
    };
  }
  const rotated = await rotateScimToken(rotation);
  await recordStaffAudit({
    staff: ctx.staff,
    action: "scim_token.rotated",
    organization,
    target: { type: "directory", id: rotated.directoryId },
    detail: { ...rotatedDetail, newTokenPrefix: rotated.prefix, previousTokensExpireAt: rotated.previousTokensExpireAt?.toISOString() ?? null },
  });
  return {
    delivery: "screen" as const,
    token: rotated.token,
    prefix: rotated.prefix,
    previousTokensExpireAt: rotated.previousTokensExpireAt?.toISOString() ?? null,
    previousTokens: rotated.previousTokens.map((t) => ({ prefix: t.prefix, expiresAt: t.expiresAt.toISOString() })),
  };
});
