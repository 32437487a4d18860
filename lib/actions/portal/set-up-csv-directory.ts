"use server";

import { z } from "zod";
import { SYNC_MODES } from "@/lib/directory/create-directory";
import { recordPortalAudit } from "@/lib/portal/record-portal-audit";
import { setUpPulledDirectory } from "@/lib/portal/set-up-pulled-directory";
import { portalDsyncAction } from "./portal-action";

/** Sets up directory sync by CSV files, for an organisation whose provider pushes nothing; no SCIM token is made. */
export const setUpCsvDirectoryAction = portalDsyncAction
  .inputSchema(z.object({ syncMode: z.enum(SYNC_MODES, { error: "Choose full provisioning or deprovision-only" }) }))
  .action(async ({ parsedInput, ctx }) => {
    const { directory } = await setUpPulledDirectory({ organizationId: ctx.organization.id, source: "csv", syncMode: parsedInput.syncMode });
    await recordPortalAudit({
      actor: ctx.actor,
      action: "directory_sync.set_up",
      target: { type: "directory", id: directory.id },
      detail: { provider: directory.provider, source: "csv", syncMode: directory.syncMode },
    });
    return { directoryId: directory.id };
  });
