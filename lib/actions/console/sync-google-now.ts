"use server";

import { z } from "zod";
import { queueGoogleSync } from "@/lib/directory-pull/google/queue-google-syncs";
import { recordStaffAudit } from "@/lib/staff/record-staff-audit";
import { consoleAction } from "./console-action";
import { organizationOfDirectory } from "./organization-ref";

/** Queues a Google Workspace sync now. Support may too: it reads the customer's source and changes only what it says. */
export const syncGoogleNowAction = consoleAction
  .inputSchema(z.object({ directoryId: z.string().min(1) }))
  .action(async ({ parsedInput, ctx }) => {
    const organization = await organizationOfDirectory(parsedInput.directoryId);
    await queueGoogleSync({ organizationId: organization.id, directoryId: parsedInput.directoryId, trigger: "console", requestedBy: `staff:${ctx.staff.email}` });
    await recordStaffAudit({ staff: ctx.staff, action: "directory_sync.sync_requested", organization, target: { type: "directory", id: parsedInput.directoryId } });
    return { queued: true };
  });
