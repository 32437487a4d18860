"use server";

import { z } from "zod";
import { rotateScimToken } from "@/lib/auth/rotate-scim-token";
import { DomainError } from "@/lib/domain-error";
import { assertLinkAuthority } from "@/lib/portal/assert-link-authority";
import { getPortalDirectory } from "@/lib/portal/get-portal-directory";
import { recordPortalAudit } from "@/lib/portal/record-portal-audit";
import { portalDsyncAction } from "./portal-action";

/** Grace periods the portal offers: long enough to paste the new token into the provider without an outage. */
const GRACE_HOURS = [0, 1, 24, 72] as const;

export const rotateScimTokenAction = portalDsyncAction
  .inputSchema(z.object({ graceHours: z.union(GRACE_HOURS.map((h) => z.literal(h)), { error: "Choose a grace period from the list" }), confirmCutOff: z.boolean().optional() }))
  .action(async ({ parsedInput, ctx }) => {
    // No grace cuts the identity provider off until the new token is pasted: the portal asks first, and says so.
    // A link issued by support cannot do it at all, as support cannot in the console (issue 12, item 4).
    if (parsedInput.graceHours === 0) assertLinkAuthority(ctx.setupLink, "rotate_without_grace");
    if (parsedInput.graceHours === 0 && parsedInput.confirmCutOff !== true) {
      throw new DomainError("INVALID_INPUT", "A rotation with no grace period stops the current token at once: confirm it first.", "graceHours");
    }
    const portal = await getPortalDirectory({ organizationId: ctx.organization.id });
    if (!portal) throw new DomainError("NOT_FOUND", "Directory sync is not set up yet, so there is no token to rotate.");
    const rotated = await rotateScimToken({ directoryId: portal.directory.id, organizationId: ctx.organization.id, graceMs: parsedInput.graceHours * 3_600_000 });
    await recordPortalAudit({
      actor: ctx.actor,
      action: "scim_token.rotated",
      target: { type: "directory", id: rotated.directoryId },
      detail: { newTokenPrefix: rotated.prefix, graceHours: parsedInput.graceHours, previousTokensExpireAt: rotated.previousTokensExpireAt?.toISOString() ?? null },
    });
    return {
      token: rotated.token,
      prefix: rotated.prefix,
      previousTokensExpireAt: rotated.previousTokensExpireAt?.toISOString() ?? null,
      previousTokens: rotated.previousTokens.map((t) => ({ prefix: t.prefix, expiresAt: t.expiresAt.toISOString() })),
    };
  });
