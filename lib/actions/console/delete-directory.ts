"use server";

import { z } from "zod";
import { deleteDirectory } from "@/lib/directory/delete-directory";
import { getDirectoryOrThrow } from "@/lib/directory/get-directory-or-throw";
import { recordStaffAudit } from "@/lib/staff/record-staff-audit";
import { adminConsoleAction } from "./console-action";
import { organizationOfDirectory } from "./organization-ref";

export const deleteDirectoryAction = adminConsoleAction
  .inputSchema(z.object({ directoryId: z.string().min(1) }))
  .action(async ({ parsedInput, ctx }) => {
    const organization = await organizationOfDirectory(parsedInput.directoryId);
    const directory = await getDirectoryOrThrow({ directoryId: parsedInput.directoryId, organizationId: organization.id });
    await deleteDirectory({ directoryId: directory.id, organizationId: organization.id });
    await recordStaffAudit({
      staff: ctx.staff,
      action: "directory.deleted",
      organization,
      target: { type: "directory", id: directory.id },
      detail: { name: directory.name, provider: directory.provider },
    });
    return { organizationId: organization.id };
  });
