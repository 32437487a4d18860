import { z } from "zod";
import { db, type Prisma } from "@/lib/db/client";
import { DIRECTORY_PROVIDERS } from "@/lib/directory/create-directory";
import { DomainError } from "@/lib/domain-error";
import { newId } from "@/lib/ids";
import { parseInput } from "@/lib/validation";

export const createPulledDirectoryInputSchema = z.object({
  organizationId: z.string().min(1),
  source: z.enum(["google", "csv"], { error: "must be google or csv" }),
  /** The product the CSV files come from (JumpCloud, OneLogin…), for the sync log's words; google for Google. */
  provider: z.enum(DIRECTORY_PROVIDERS).optional(),
  syncMode: z.enum(["FULL", "DEPROVISION_ONLY"], { error: "must be FULL or DEPROVISION_ONLY" }).default("FULL"),
  name: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters").optional(),
  syncIntervalMinutes: z.number().int().min(5, "must be at least 5 minutes").max(1440, "must be at most 1440 minutes (a day)").optional(),
  deactivationGuardPercent: z.number().int().min(1, "must be between 1 and 100").max(100, "must be between 1 and 100").optional(),
});

/**
 * A directory that Rollcall pulls instead of one a provider pushes to: it has no SCIM token, since nothing
 * may push into it, and its users come only from its source's snapshots.
 */
export async function createPulledDirectory(input: z.input<typeof createPulledDirectoryInputSchema>) {
  return createPulledDirectoryIn(db, input);
}

/** The same, inside the caller's transaction, for a caller that must decide and create atomically (the portal). */
export async function createPulledDirectoryIn(tx: Prisma.TransactionClient, input: z.input<typeof createPulledDirectoryInputSchema>) {
  const data = parseInput(createPulledDirectoryInputSchema, input);
  const organization = await tx.organization.findUnique({ where: { id: data.organizationId } });
  if (!organization) throw new DomainError("NOT_FOUND", "Organization not found", "organizationId");
  return tx.directory.create({
    data: {
      id: newId("dir"),
      organizationId: organization.id,
      name: data.name ?? (data.source === "google" ? "Google Workspace directory" : "CSV directory"),
      provider: data.source === "google" ? "google" : (data.provider ?? "generic"),
      source: data.source,
      syncMode: data.syncMode,
      syncIntervalMinutes: data.syncIntervalMinutes,
      deactivationGuardPercent: data.deactivationGuardPercent,
    },
  });
}
