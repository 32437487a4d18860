"use server";

import { z } from "zod";
import { DIRECTORY_PROVIDERS } from "@/lib/directory/create-directory";
import { chooseProvider } from "@/lib/portal/choose-provider";
import { recordPortalAudit } from "@/lib/portal/record-portal-audit";
import { nextStep, stepPath } from "@/lib/portal/wizard-steps";
import { portalAction } from "./portal-action";

export const chooseProviderAction = portalAction
  .inputSchema(z.object({ provider: z.enum(DIRECTORY_PROVIDERS, { error: "Choose one of the identity providers listed" }) }))
  .action(async ({ parsedInput, ctx }) => {
    await chooseProvider({ organizationId: ctx.organization.id, provider: parsedInput.provider });
    await recordPortalAudit({ actor: ctx.actor, action: "provider.chosen", detail: { provider: parsedInput.provider } });
    return { next: stepPath(nextStep(ctx.setupLink.intent, "provider")) };
  });
