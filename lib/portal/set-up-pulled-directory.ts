import { z } from "zod";
import { db } from "@/lib/db/client";
import { SYNC_MODES } from "@/lib/directory/create-directory";
import { createPulledDirectoryIn } from "@/lib/directory-pull/create-pulled-directory";
import { DomainError } from "@/lib/domain-error";
import { parseInput } from "@/lib/validation";

export const setUpPulledDirectoryInputSchema = z.object({
  organizationId: z.string().min(1),
  source: z.enum(["google", "csv"], { error: "Choose Google Workspace or CSV files" }),
  syncMode: z.enum(SYNC_MODES, { error: "Choose full provisioning or deprovision-only" }),
  /** Google reconnects keep the directory they connected before; a CSV set-up is made once. */
  reuseExisting: z.boolean().default(false),
});

/**
 * The portal's directory for an organisation whose provider pushes nothing: a Google Workspace directory that
 * Rollcall pulls, or one fed by CSV files. Like the SCIM set-up, one per organisation: the setup row is locked
 * so that two tabs make one directory, and the provider chosen in step 2 names where CSV files come from.
 */
export async function setUpPulledDirectory(input: z.input<typeof setUpPulledDirectoryInputSchema>) {
  const { organizationId, source, syncMode, reuseExisting } = parseInput(setUpPulledDirectoryInputSchema, input);
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "SetupProgress" WHERE "organizationId" = ${organizationId} FOR UPDATE`;
    const progress = await tx.setupProgress.findUnique({ where: { organizationId } });
    if (!progress?.provider) throw new DomainError("INVALID_INPUT", "Choose your identity provider first (step 2).", "provider");
    const existing = progress.directoryId ? await tx.directory.findFirst({ where: { id: progress.directoryId, organizationId } }) : null;
    if (existing) {
      if (reuseExisting && existing.source === source) return { directory: existing, created: false };
      throw new DomainError("CONFLICT", "Directory sync is already set up for your organisation. Manage it on the Done page.", "source");
    }
    const directory = await createPulledDirectoryIn(tx, { organizationId, source, syncMode, provider: source === "google" ? "google" : progress.provider });
    await tx.setupProgress.update({ where: { organizationId }, data: { directoryId: directory.id } });
    return { directory, created: true };
  });
}
