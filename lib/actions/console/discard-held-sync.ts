"use server";

import { z } from "zod";
import { discardHeldSync } from "@/lib/directory-pull/resolve-held-sync";
import { recordStaffAudit } from "@/lib/staff/record-staff-audit";
import { adminConsoleAction } from "./console-action";
import { organizationOfDirectory } from "./organization-ref";

/** Drops a pull the guard rail held: nothing of it is applied. */
export const discardHeldSyncAction = adminConsoleAction
  .inputSchema(z.object({ directoryId: z.string().min(1), syncId: z.string().min(1) }))
  .action(async ({ parsedInput, ctx }) => {
    const organization = await organizationOfDirectory(parsedInput.directoryId);
    await discardHeldSync({ organizationId: organization.id, directoryId: parsedInput.directoryId, syncId: parsedInput.syncId, discardedBy: `staff:${ctx.staff.email}` });
    await recordStaffAudit({ staff: ctx.staff, action: "directory_sync.held_sync_discarded", organization, target: { type: "directory_sync", id: parsedInput.syncId } });
    return { discarded: true };
  });
