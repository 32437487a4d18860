import type { Metadata } from "next";
import { loadPortal } from "@/components/setup/load-portal";
import { SsoForm } from "@/components/setup/sso-form";
import { StepHeading } from "@/components/setup/step-heading";
import { getSsoSummary } from "@/lib/portal/get-sso-summary";
import { providerGuide } from "@/lib/portal/provider-guides";
import { serviceProviderDetails } from "@/lib/sso/service-provider";

export const metadata: Metadata = { title: "Single sign-on" };

export default async function SsoPage() {
  const portal = await loadPortal("sso");
  if (!portal.ok) return portal.page;
  const organizationId = portal.principal.organization.id;
  const guide = providerGuide(portal.progress.provider);
  const connection = await getSsoSummary({ organizationId });
  const sp = serviceProviderDetails(organizationId);
  return portal.frame(
    <div className="space-y-8">
      <StepHeading description={`Connect ${guide.name} so that your people sign in with it. You can use SAML 2.0 or OpenID Connect.`}>
        Single sign-on
      </StepHeading>
      <SsoForm guide={guide} sp={{ entityId: sp.entityId, acsUrl: sp.acsUrl, metadataUrl: sp.metadataUrl, redirectUri: sp.redirectUri }} connection={connection} />
    </div>,
  );
}
