"use server";

import { z } from "zod";
import { approveHeldSync } from "@/lib/directory-pull/resolve-held-sync";
import { recordPortalAudit } from "@/lib/portal/record-portal-audit";
import { portalDsyncAction } from "./portal-action";
import { portalPullDirectoryOrThrow } from "./portal-pull-directory";

/** Applies a sync the guard rail held (it would deactivate more than the directory allows at once). */
export const approveHeldSyncAction = portalDsyncAction
  .inputSchema(z.object({ syncId: z.string().min(1) }))
  .action(async ({ parsedInput, ctx }) => {
    const directory = await portalPullDirectoryOrThrow(ctx.organization.id);
    const out = await approveHeldSync({ organizationId: ctx.organization.id, directoryId: directory.id, syncId: parsedInput.syncId, approvedBy: `portal:${ctx.setupLink.prefix}` });
    await recordPortalAudit({ actor: ctx.actor, action: "directory_sync.held_sync_approved", target: { type: "directory_sync", id: out.syncId }, detail: { status: out.status } });
    return { status: out.status, message: out.message };
  });
