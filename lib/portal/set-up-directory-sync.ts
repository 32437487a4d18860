import { z } from "zod";
import { db } from "@/lib/db/client";
import { createDirectory, SYNC_MODES } from "@/lib/directory/create-directory";
import { scimBaseUrl } from "@/lib/directory/scim-base-url";
import { DomainError } from "@/lib/domain-error";
import { parseInput } from "@/lib/validation";

export const setUpDirectorySyncInputSchema = z.object({
  organizationId: z.string().min(1),
  syncMode: z.enum(SYNC_MODES, { error: "Choose full provisioning or deprovision-only" }),
});

/**
 * Creates the organisation's directory for the provider chosen in the wizard, with its first SCIM token,
 * returned this once. A second call does not make a second directory: a new token for an existing one is a
 * rotation, with its grace period.
 */
export async function setUpDirectorySync(input: z.input<typeof setUpDirectorySyncInputSchema>) {
  const { organizationId, syncMode } = parseInput(setUpDirectorySyncInputSchema, input);
  const progress = await db.setupProgress.findUnique({ where: { organizationId } });
  if (!progress?.provider) throw new DomainError("INVALID_INPUT", "Choose your identity provider first (step 2).", "provider");
  if (progress.directoryId && (await db.directory.count({ where: { id: progress.directoryId, organizationId } })) > 0) {
    throw new DomainError("CONFLICT", "Directory sync is already set up. To get a new token, rotate it from the overview.", "syncMode");
  }
  const { directory, token } = await createDirectory({ organizationId, provider: progress.provider, syncMode });
  await db.setupProgress.update({ where: { organizationId }, data: { directoryId: directory.id } });
  return { directory, token, scimBaseUrl: scimBaseUrl(directory.id) };
}
