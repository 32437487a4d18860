"use server";

import { z } from "zod";
import { discardHeldSync } from "@/lib/directory-pull/resolve-held-sync";
import { recordPortalAudit } from "@/lib/portal/record-portal-audit";
import { portalDsyncAction } from "./portal-action";
import { portalPullDirectoryOrThrow } from "./portal-pull-directory";

/** Drops a sync the guard rail held: nothing of it is applied. */
export const discardHeldSyncAction = portalDsyncAction
  .inputSchema(z.object({ syncId: z.string().min(1) }))
  .action(async ({ parsedInput, ctx }) => {
    const directory = await portalPullDirectoryOrThrow(ctx.organization.id);
    await discardHeldSync({ organizationId: ctx.organization.id, directoryId: directory.id, syncId: parsedInput.syncId, discardedBy: `portal:${ctx.setupLink.prefix}` });
    await recordPortalAudit({ actor: ctx.actor, action: "directory_sync.held_sync_discarded", target: { type: "directory_sync", id: parsedInput.syncId } });
    return { discarded: true };
  });
