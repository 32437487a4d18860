"use server";

import { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import { assertLinkMaySaveSso } from "@/lib/portal/assert-link-may-save-sso";
import { completeSetupStep } from "@/lib/portal/complete-setup-step";
import { getSetupProgress } from "@/lib/portal/get-setup-progress";
import { recordPortalAudit } from "@/lib/portal/record-portal-audit";
import { nextStep, stepPath } from "@/lib/portal/wizard-steps";
import { saveSamlConnection } from "@/lib/sso/save-saml-connection";
import { portalSsoAction } from "./portal-action";

const saveSamlConnectionInputSchema = z.object({
  source: z.enum(["xml", "url"]),
  metadataXml: z.string().max(1_000_000, "The metadata is larger than 1 MB; paste only the IdP's EntityDescriptor").optional(),
  metadataUrl: z.string().max(2000, "The URL is too long").optional(),
});

/** Saves the SAML connection from the IdP's metadata (pasted or fetched); bad metadata comes back at its field. */
export const saveSamlConnectionAction = portalSsoAction.inputSchema(saveSamlConnectionInputSchema).action(async ({ parsedInput, ctx }) => {
  const replaced = await assertLinkMaySaveSso({ setupLink: ctx.setupLink, organizationId: ctx.organization.id });
  const { provider } = await getSetupProgress({ organizationId: ctx.organization.id });
  const xml = parsedInput.metadataXml?.trim();
  const url = parsedInput.metadataUrl?.trim();
  if (parsedInput.source === "xml" && !xml) throw new DomainError("INVALID_INPUT", "Paste the identity provider's metadata XML.", "metadataXml");
  if (parsedInput.source === "url" && !url) throw new DomainError("INVALID_INPUT", "Enter the URL of the identity provider's metadata.", "metadataUrl");
  const connection = await saveSamlConnection({
    organizationId: ctx.organization.id,
    provider: provider ?? "generic",
    ...(parsedInput.source === "xml" ? { metadataXml: xml } : { metadataUrl: url }),
  });
  await recordPortalAudit({
    actor: ctx.actor,
    action: "sso_connection.saved",
    target: { type: "sso_connection", id: connection.id },
    detail: { protocol: "saml", replaced, source: parsedInput.source, ...(parsedInput.source === "url" && { metadataUrl: url }) },
  });
  await completeSetupStep({ organizationId: ctx.organization.id, step: "sso" });
  return { next: stepPath(nextStep(ctx.setupLink.intent, "sso")) };
});
