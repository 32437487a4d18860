import { z } from "zod";
import { issueScimToken } from "@/lib/auth/issue-scim-token";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { DomainError } from "@/lib/domain-error";
import { newId } from "@/lib/ids";
import { parseInput } from "@/lib/validation";

export const DIRECTORY_PROVIDERS = ["entra", "okta", "google", "onelogin", "jumpcloud", "generic"] as const;
export const SYNC_MODES = ["FULL", "DEPROVISION_ONLY"] as const;

const PROVIDER_NAMES: Record<(typeof DIRECTORY_PROVIDERS)[number], string> = {
  entra: "Microsoft Entra ID",
  okta: "Okta",
  google: "Google Workspace",
  onelogin: "OneLogin",
  jumpcloud: "JumpCloud",
  generic: "SCIM",
};

export const createDirectoryInputSchema = z.object({
  organizationId: z.string().min(1),
  provider: z.enum(DIRECTORY_PROVIDERS, { error: `must be one of ${DIRECTORY_PROVIDERS.join(", ")}` }),
  syncMode: z.enum(SYNC_MODES, { error: "must be FULL or DEPROVISION_ONLY" }),
  name: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters").optional(),
});

/** Creates a directory and its first SCIM token, together. The token is returned this once, in clear. */
export async function createDirectory(input: z.input<typeof createDirectoryInputSchema>) {
  return db.$transaction((tx) => createDirectoryIn(tx, input));
}

/** The same, inside the caller's transaction, for a caller that must decide and create atomically. */
export async function createDirectoryIn(tx: Prisma.TransactionClient, input: z.input<typeof createDirectoryInputSchema>) {
  const data = parseInput(createDirectoryInputSchema, input);
  const organization = await tx.organization.findUnique({ where: { id: data.organizationId } });
  if (!organization) throw new DomainError("NOT_FOUND", "Organization not found", "organizationId");
  const directory = await tx.directory.create({
    data: {
      id: newId("dir"),
      organizationId: organization.id,
      name: data.name ?? `${PROVIDER_NAMES[data.provider]} directory`,
      provider: data.provider,
      syncMode: data.syncMode,
    },
  });
  const { token } = await issueScimToken(tx, { organizationId: organization.id, directoryId: directory.id });
  return { directory, token };
}
