import { z } from "zod";
import { db } from "@/lib/db/client";
import { createDirectoryIn, SYNC_MODES } from "@/lib/directory/create-directory";
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
  const { directory, token } = await db.$transaction(async (tx) => {
    // The row lock makes the check and the create one step: two clicks (or two tabs) racing here make one
    // directory, and the second gets the conflict.
    await tx.$queryRaw`SELECT 1 FROM "SetupProgress" WHERE "organizationId" = ${organizationId} FOR UPDATE`;
    const progress = await tx.setupProgress.findUnique({ where: { organizationId } });
    if (!progress?.provider) throw new DomainError("INVALID_INPUT", "Choose your identity provider first (step 2).", "provider");
    if (progress.directoryId && (await tx.directory.count({ where: { id: progress.directoryId, organizationId } })) > 0) {
      throw new DomainError("CONFLICT", "Directory sync is already set up. To get a new token, use Rotate token on the Done page.", "syncMode");
    }
    const created = await createDirectoryIn(tx, { organizationId, provider: progress.provider, syncMode });
    await tx.setupProgress.update({ where: { organizationId }, data: { directoryId: created.directory.id } });
    return created;
  });
  return { directory, token, scimBaseUrl: scimBaseUrl(directory.id) };
}
