import { z } from "zod";
import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/domain-error";
import { parseInput } from "@/lib/validation";
import { SYNC_MODES } from "./create-directory";
import { forgetScimPrincipals } from "@/lib/auth/scim-principal-cache";

export const updateDirectoryInputSchema = z.object({
  directoryId: z.string().min(1),
  organizationId: z.string().min(1).optional(),
  name: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters").optional(),
  syncMode: z.enum(SYNC_MODES, { error: "must be FULL or DEPROVISION_ONLY" }).optional(),
});

/** Renames a directory or switches its sync mode; what is not given stays. */
export async function updateDirectory(input: z.input<typeof updateDirectoryInputSchema>) {
  const { directoryId, organizationId, name, syncMode } = parseInput(updateDirectoryInputSchema, input);
  const where = { id: directoryId, ...(organizationId && { organizationId }) };
  const { count } = await db.directory.updateMany({ where, data: { ...(name !== undefined && { name }), ...(syncMode !== undefined && { syncMode }) } });
  if (count === 0) throw new DomainError("NOT_FOUND", `Directory ${directoryId} not found`, "directory");
  // A SCIM request after this answer must see the new sync mode (lib/auth/scim-principal-cache.ts).
  forgetScimPrincipals();
  return db.directory.findFirstOrThrow({ where });
}
