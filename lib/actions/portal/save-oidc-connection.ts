"use server";

import { z } from "zod";
import { assertLinkMaySaveSso } from "@/lib/portal/assert-link-may-save-sso";
import { completeSetupStep } from "@/lib/portal/complete-setup-step";
import { getSetupProgress } from "@/lib/portal/get-setup-progress";
import { recordPortalAudit } from "@/lib/portal/record-portal-audit";
import { nextStep, stepPath } from "@/lib/portal/wizard-steps";
import { saveOidcConnection } from "@/lib/sso/save-oidc-connection";
import { portalSsoAction } from "./portal-action";

const saveOidcConnectionInputSchema = z.object({
  issuer: z.string().trim().min(1, "Enter the issuer URL").max(2000, "The URL is too long"),
  clientId: z.string().trim().min(1, "Enter the client ID").max(500, "The client ID is too long"),
  /** Empty keeps the secret already stored, so the admin need not paste it again to change the client ID. */
  clientSecret: z.string().max(2000, "The client secret is too long").optional(),
});

/** Saves the OIDC connection after reading the issuer's discovery document; the secret is sealed at rest. */
export const saveOidcConnectionAction = portalSsoAction.inputSchema(saveOidcConnectionInputSchema).action(async ({ parsedInput, ctx }) => {
  const replaced = await assertLinkMaySaveSso({ setupLink: ctx.setupLink, organizationId: ctx.organization.id });
  const { provider } = await getSetupProgress({ organizationId: ctx.organization.id });
  const connection = await saveOidcConnection({
    organizationId: ctx.organization.id,
    provider: provider ?? "generic",
    issuer: parsedInput.issuer,
    clientId: parsedInput.clientId,
    clientSecret: parsedInput.clientSecret?.trim() ? parsedInput.clientSecret.trim() : undefined,
  });
  await recordPortalAudit({
    actor: ctx.actor,
    action: "sso_connection.saved",
    target: { type: "sso_connection", id: connection.id },
    detail: { protocol: "oidc", replaced, issuer: parsedInput.issuer, clientId: parsedInput.clientId, clientSecretChanged: !!parsedInput.clientSecret?.trim() },
  });
  await completeSetupStep({ organizationId: ctx.organization.id, step: "sso" });
  return { next: stepPath(nextStep(ctx.setupLink.intent, "sso")) };
});
