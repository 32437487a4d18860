"use server";

import { z } from "zod";
import { SYNC_MODES } from "@/lib/directory/create-directory";
import { updateDirectory } from "@/lib/directory/update-directory";
import { DomainError } from "@/lib/domain-error";
import { assertLinkAuthority } from "@/lib/portal/assert-link-authority";
import { getPortalDirectory } from "@/lib/portal/get-portal-directory";
import { recordPortalAudit } from "@/lib/portal/record-portal-audit";
import { portalDsyncAction } from "./portal-action";

/** Switches the portal's directory between full provisioning and deprovision-only; it applies from the next request. */
export const changeSyncModeAction = portalDsyncAction
  .inputSchema(z.object({ syncMode: z.enum(SYNC_MODES, { error: "Choose full provisioning or deprovision-only" }) }))
  .action(async ({ parsedInput, ctx }) => {
    const portal = await getPortalDirectory({ organizationId: ctx.organization.id });
    if (!portal) throw new DomainError("NOT_FOUND", "Directory sync is not set up yet.");
    assertLinkAuthority(ctx.setupLink, "change_sync_mode");
    const directory = await updateDirectory({ directoryId: portal.directory.id, organizationId: ctx.organization.id, syncMode: parsedInput.syncMode });
    await recordPortalAudit({
      actor: ctx.actor,
      action: "directory.sync_mode_changed",
      target: { type: "directory", id: directory.id },
      detail: { from: portal.directory.syncMode, to: directory.syncMode },
    });
    return { syncMode: directory.syncMode };
  });
