"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { actionClient } from "@/lib/actions/action-client";
import { openSetupLink } from "@/lib/auth/open-setup-link";
import { DomainError } from "@/lib/domain-error";
import { getScimTokenDelivery } from "@/lib/portal/get-scim-token-delivery";
import { getSetupProgress } from "@/lib/portal/get-setup-progress";
import { recordPortalAudit } from "@/lib/portal/record-portal-audit";
import { PORTAL_COOKIE, portalCookieOptions } from "@/lib/portal/portal-cookie";
import { resumeStep, stepPath } from "@/lib/portal/wizard-steps";
import { portalClientIp } from "./portal-action";

/**
 * Exchanges the setup link for a portal session cookie. A POST from the link's page, not the GET of the link
 * itself, so that a mail scanner fetching the URL starts no session.
 */
export const openSetupLinkAction = actionClient
  .inputSchema(z.object({ token: z.string().min(1).max(200) }))
  .action(async ({ parsedInput }) => {
    const opened = await openSetupLink({ token: parsedInput.token });
    if (!opened.ok) throw new DomainError("NOT_FOUND", "This setup link is no longer valid. Reload the page to see why.");
    (await cookies()).set(PORTAL_COOKIE, opened.sessionToken, portalCookieOptions(opened.sessionExpiresAt));
    // Who opened a link, and from where: a link is a bearer credential, so this is the one trace of its holder.
    await recordPortalAudit({
      actor: { organization: opened.organization, setupLink: opened.setupLink, sessionId: opened.sessionId, clientIp: await portalClientIp() },
      action: "setup_link.opened",
      target: { type: "setup_link", id: opened.setupLink.id },
      detail: { intent: opened.setupLink.intent },
    });
    // A link that carries a rotated token opens on the page that shows it, whatever step the wizard would resume at.
    const delivery = await getScimTokenDelivery({ organizationId: opened.organization.id, setupLinkId: opened.setupLink.id });
    if (delivery) return { next: stepPath("directory-sync") };
    const progress = await getSetupProgress({ organizationId: opened.organization.id });
    return { next: stepPath(resumeStep(opened.setupLink.intent, progress.completedSteps)) };
  });
