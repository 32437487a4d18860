"use server";

import { z } from "zod";
import { scimTokenPrefix } from "@/lib/auth/scim-token";
import { SYNC_MODES } from "@/lib/directory/create-directory";
import { recordPortalAudit } from "@/lib/portal/record-portal-audit";
import { setUpDirectorySync } from "@/lib/portal/set-up-directory-sync";
import { portalDsyncAction } from "./portal-action";

/** Creates the directory and its first token. The token leaves the server this once, in this answer. */
export const setUpDirectorySyncAction = portalDsyncAction
  .inputSchema(z.object({ syncMode: z.enum(SYNC_MODES, { error: "Choose full provisioning or deprovision-only" }) }))
  .action(async ({ parsedInput, ctx }) => {
    const { directory, token, scimBaseUrl } = await setUpDirectorySync({ organizationId: ctx.organization.id, syncMode: parsedInput.syncMode });
    await recordPortalAudit({
      actor: ctx.actor,
      action: "directory_sync.set_up",
      target: { type: "directory", id: directory.id },
      detail: { provider: directory.provider, syncMode: directory.syncMode, tokenPrefix: scimTokenPrefix(token) },
    });
    return { directoryId: directory.id, syncMode: directory.syncMode, token, scimBaseUrl };
  });
