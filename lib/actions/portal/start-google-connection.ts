"use server";

import { z } from "zod";
import { SYNC_MODES } from "@/lib/directory/create-directory";
import { DomainError } from "@/lib/domain-error";
import { recordPortalAudit } from "@/lib/portal/record-portal-audit";
import { startGoogleConnection } from "@/lib/portal/start-google-connection";
import { portalDsyncAction } from "./portal-action";

/** The Google consent URL for this portal session; the browser goes there next. */
export const startGoogleConnectionAction = portalDsyncAction
  .inputSchema(z.object({ syncMode: z.enum(SYNC_MODES, { error: "Choose full provisioning or deprovision-only" }) }))
  .action(async ({ parsedInput, ctx }) => {
    if (!ctx.actor.sessionId) throw new DomainError("FORBIDDEN", "Your setup session has ended. Open your setup link again to continue.");
    const { url } = await startGoogleConnection({ organizationId: ctx.organization.id, portalSessionId: ctx.actor.sessionId, syncMode: parsedInput.syncMode });
    await recordPortalAudit({ actor: ctx.actor, action: "google_workspace.consent_started", detail: { syncMode: parsedInput.syncMode } });
    return { url };
  });
