import { z } from "zod";
import { db } from "@/lib/db/client";
import { DIRECTORY_PROVIDERS } from "@/lib/directory/create-directory";
import { parseInput } from "@/lib/validation";
import { forgetScimPrincipals } from "@/lib/auth/scim-principal-cache";

export const chooseProviderInputSchema = z.object({
  organizationId: z.string().min(1),
  provider: z.enum(DIRECTORY_PROVIDERS, { error: "Choose one of the identity providers listed" }),
});

/**
 * Saves the admin's identity provider and completes the step. The portal's directory, when there is one,
 * follows, so that the sync log names the right provider ("Okta created …").
 */
export async function chooseProvider(input: z.input<typeof chooseProviderInputSchema>) {
  const { organizationId, provider } = parseInput(chooseProviderInputSchema, input);
  const chosen = await db.$transaction(async (tx) => {
    const progress = await tx.setupProgress.upsert({
      where: { organizationId },
      create: { organizationId, provider, completedSteps: ["welcome", "provider"] },
      update: { provider },
    });
    const missing = ["welcome", "provider"].filter((step) => !progress.completedSteps.includes(step));
    if (missing.length > 0) await tx.setupProgress.update({ where: { organizationId }, data: { completedSteps: { push: missing } } });
    if (progress.directoryId) await tx.directory.updateMany({ where: { id: progress.directoryId, organizationId }, data: { provider } });
    return { provider };
  });
  // The SCIM requests after this answer name the new provider in the sync log (lib/auth/scim-principal-cache.ts).
  forgetScimPrincipals();
  return chosen;
}
