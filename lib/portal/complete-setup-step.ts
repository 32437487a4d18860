import { db } from "@/lib/db/client";
import type { WizardStep } from "./wizard-steps";

/** Marks a wizard step done, once; the admin can leave and come back to the next step through the same link. */
export async function completeSetupStep({ organizationId, step }: { organizationId: string; step: WizardStep }) {
  const existing = await db.setupProgress.findUnique({ where: { organizationId } });
  if (existing?.completedSteps.includes(step)) return existing;
  return db.setupProgress.upsert({
    where: { organizationId },
    create: { organizationId, completedSteps: [step] },
    update: { completedSteps: { push: step } },
  });
}
