"use server";

import { z } from "zod";
import { queueGoogleSync } from "@/lib/directory-pull/google/queue-google-syncs";
import { recordPortalAudit } from "@/lib/portal/record-portal-audit";
import { portalDsyncAction } from "./portal-action";
import { portalPullDirectoryOrThrow } from "./portal-pull-directory";

/** Queues a Google Workspace sync of the portal's directory now, on the job queue the schedule uses. */
export const syncGoogleNowAction = portalDsyncAction
  .inputSchema(z.object({}))
  .action(async ({ ctx }) => {
    const directory = await portalPullDirectoryOrThrow(ctx.organization.id);
    await queueGoogleSync({ organizationId: ctx.organization.id, directoryId: directory.id, trigger: "portal", requestedBy: `portal:${ctx.setupLink.prefix}` });
    await recordPortalAudit({ actor: ctx.actor, action: "directory_sync.sync_requested", target: { type: "directory", id: directory.id } });
    return { queued: true };
  });
