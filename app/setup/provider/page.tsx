import type { Metadata } from "next";
import { loadPortal } from "@/components/setup/load-portal";
import { ProviderPicker } from "@/components/setup/provider-picker";
import { StepHeading } from "@/components/setup/step-heading";
import { DIRECTORY_PROVIDERS } from "@/lib/directory/create-directory";
import { PROVIDER_GUIDES } from "@/lib/portal/provider-guides";

export const metadata: Metadata = { title: "Identity provider" };

export default async function ProviderPage() {
  const portal = await loadPortal("provider");
  if (!portal.ok) return portal.page;
  const options = DIRECTORY_PROVIDERS.map((id) => {
    const { name, pickerName, tagline, limitations, scimSupported } = PROVIDER_GUIDES[id];
    return { id, name, pickerName, tagline, limitations, scimSupported };
  });
  return portal.frame(
    <div className="space-y-8">
      <StepHeading description="The next steps use your provider's own names for every field, so you can find them on the screen you have open.">
        Choose your identity provider
      </StepHeading>
      <ProviderPicker options={options} initial={portal.progress.provider} showScimLimits={portal.principal.setupLink.intent !== "sso"} />
    </div>,
  );
}
