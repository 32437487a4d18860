import type { Metadata } from "next";
import { ConnectionTest } from "@/components/setup/connection-test";
import { loadPortal } from "@/components/setup/load-portal";
import { PortalSyncLog } from "@/components/setup/portal-sync-log";
import { PortalSyncStatus } from "@/components/setup/portal-sync-status";
import { StepHeading } from "@/components/setup/step-heading";
import { directorySourceWords } from "@/lib/portal/directory-source-words";
import { getPortalDirectory } from "@/lib/portal/get-portal-directory";
import { providerGuide } from "@/lib/portal/provider-guides";

export const metadata: Metadata = { title: "Test the connection" };

export default async function TestPage() {
  const portal = await loadPortal("test");
  if (!portal.ok) return portal.page;
  const guide = providerGuide(portal.progress.provider);
  const found = await getPortalDirectory({ organizationId: portal.principal.organization.id });
  const source = found?.directory.source ?? "scim";
  // A pulled directory (Google Workspace, CSV) sends no requests: its test is a sync or an import and how it went.
  const pulled = source === "google" || source === "csv";
  return portal.frame(
    <div className="space-y-8">
      <StepHeading description={directorySourceWords(source, guide.name).testStep}>Test the connection</StepHeading>
      {pulled ? (
        <>
          <PortalSyncStatus />
          <PortalSyncLog providerName={guide.name} source={source} />
        </>
      ) : (
        <ConnectionTest providerName={guide.name} testHint={guide.testHint} />
      )}
    </div>,
  );
}
