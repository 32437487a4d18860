"use server";

import { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import { completeSetupStep } from "@/lib/portal/complete-setup-step";
import { recordPortalAudit } from "@/lib/portal/record-portal-audit";
import { nextStep, stepPath, stepsForIntent, WIZARD_STEPS } from "@/lib/portal/wizard-steps";
import { portalAction } from "./portal-action";

/** Saves that the admin finished a step that has nothing else to save (welcome; "I have stored the token"). */
export const completeSetupStepAction = portalAction
  .inputSchema(z.object({ step: z.enum(WIZARD_STEPS) }))
  .action(async ({ parsedInput: { step }, ctx }) => {
    if (!stepsForIntent(ctx.setupLink.intent).includes(step)) throw new DomainError("FORBIDDEN", "This setup link does not include that step.");
    await completeSetupStep({ organizationId: ctx.organization.id, step });
    await recordPortalAudit({ actor: ctx.actor, action: "setup_step.completed", detail: { step } });
    return { next: stepPath(nextStep(ctx.setupLink.intent, step)) };
  });
