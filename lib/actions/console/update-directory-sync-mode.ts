"use server";

import { z } from "zod";
import { SYNC_MODES } from "@/lib/directory/create-directory";
import { getDirectoryOrThrow } from "@/lib/directory/get-directory-or-throw";
import { updateDirectory } from "@/lib/directory/update-directory";
import { recordStaffAudit } from "@/lib/staff/record-staff-audit";
import { adminConsoleAction } from "./console-action";
import { organizationOfDirectory } from "./organization-ref";

export const updateDirectorySyncModeAction = adminConsoleAction
  .inputSchema(z.object({ directoryId: z.string().min(1), syncMode: z.enum(SYNC_MODES, { error: "must be FULL or DEPROVISION_ONLY" }) }))
  .action(async ({ parsedInput, ctx }) => {
    const organization = await organizationOfDirectory(parsedInput.directoryId);
    const before = await getDirectoryOrThrow({ directoryId: parsedInput.directoryId, organizationId: organization.id });
    const after = await updateDirectory({ directoryId: before.id, organizationId: organization.id, syncMode: parsedInput.syncMode });
    await recordStaffAudit({
      staff: ctx.staff,
      action: "directory.sync_mode_changed",
      organization,
      target: { type: "directory", id: after.id },
      detail: { from: before.syncMode, to: after.syncMode },
    });
    return { syncMode: after.syncMode };
  });
