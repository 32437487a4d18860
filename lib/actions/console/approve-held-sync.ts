"use server";

import { z } from "zod";
import { approveHeldSync } from "@/lib/directory-pull/resolve-held-sync";
import { recordStaffAudit } from "@/lib/staff/record-staff-audit";
import { adminConsoleAction } from "./console-action";
import { organizationOfDirectory } from "./organization-ref";

/** Applies a pull the guard rail held. Admins only: it may deactivate many people at once. */
export const approveHeldSyncAction = adminConsoleAction
  .inputSchema(z.object({ directoryId: z.string().min(1), syncId: z.string().min(1) }))
  .action(async ({ parsedInput, ctx }) => {
    const organization = await organizationOfDirectory(parsedInput.directoryId);
    const out = await approveHeldSync({ organizationId: organization.id, directoryId: parsedInput.directoryId, syncId: parsedInput.syncId, approvedBy: `staff:${ctx.staff.email}` });
    await recordStaffAudit({ staff: ctx.staff, action: "directory_sync.held_sync_approved", organization, target: { type: "directory_sync", id: out.syncId }, detail: { status: out.status } });
    return { status: out.status, message: out.message };
  });
