"use server";

import { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import { recordPortalAudit } from "@/lib/portal/record-portal-audit";
import { revealScimTokenDelivery } from "@/lib/portal/reveal-scim-token-delivery";
import { portalDsyncAction } from "./portal-action";

const WHY_NOT = {
  none: "This setup link carries no SCIM token. To get a new one, use Rotate token on the Done page.",
  "already-shown": "This token was already shown once and is not kept anywhere, so it cannot be shown again. If it was not stored, get a new one with Rotate token on the Done page.",
  withdrawn: "This token can no longer be shown: it stopped working, or the link ended, before it was opened. Get a new one with Rotate token on the Done page.",
} as const;

/**
 * Shows the SCIM token that staff sent with this session's setup link, once (issue 15, part 2). The link comes
 * from the session cookie, never from the browser, so one organisation's session cannot reach another's token.
 */
export const revealScimTokenAction = portalDsyncAction.inputSchema(z.object({})).action(async ({ ctx }) => {
  const revealed = await revealScimTokenDelivery({ organizationId: ctx.organization.id, setupLinkId: ctx.setupLink.id });
  if (!revealed.ok) throw new DomainError(revealed.reason === "none" ? "NOT_FOUND" : "CONFLICT", WHY_NOT[revealed.reason]);
  // The trail names the token by its prefix only; the secret itself goes to this one response and nowhere else.
  await recordPortalAudit({
    actor: ctx.actor,
    action: "scim_token.revealed",
    target: { type: "directory", id: revealed.directoryId },
    detail: { tokenPrefix: revealed.tokenPrefix },
  });
  return {
    token: revealed.token,
    tokenPrefix: revealed.tokenPrefix,
    previousTokens: revealed.previousTokens.map((t) => ({ prefix: t.prefix, expiresAt: t.expiresAt.toISOString() })),
  };
});
