import type { Metadata } from "next";
import { DirectorySyncForm } from "@/components/setup/directory-sync-form";
import { loadPortal } from "@/components/setup/load-portal";
import { StepHeading } from "@/components/setup/step-heading";
import { getPortalDirectory } from "@/lib/portal/get-portal-directory";
import { providerGuide, upperFirst } from "@/lib/portal/provider-guides";

export const metadata: Metadata = { title: "Directory sync" };

export default async function DirectorySyncPage() {
  const portal = await loadPortal("directory-sync");
  if (!portal.ok) return portal.page;
  const guide = providerGuide(portal.progress.provider);
  const found = await getPortalDirectory({ organizationId: portal.principal.organization.id });
  const existing = found && { syncMode: found.directory.syncMode, scimBaseUrl: found.scimBaseUrl, tokenPrefixes: found.tokens.map((t) => t.prefix) };
  return portal.frame(
    <div className="space-y-8">
      <StepHeading description={`${upperFirst(guide.name)} keeps your people's accounts up to date over SCIM 2.0. This step is optional: skip it now and come back through the same link whenever you like.`}>
        Directory sync
      </StepHeading>
      <DirectorySyncForm guide={guide} existing={existing} skipHref="/setup/done" />
    </div>,
  );
}
