import type { Metadata } from "next";
import { ConnectionTest } from "@/components/setup/connection-test";
import { loadPortal } from "@/components/setup/load-portal";
import { StepHeading } from "@/components/setup/step-heading";
import { providerGuide } from "@/lib/portal/provider-guides";

export const metadata: Metadata = { title: "Test the connection" };

export default async function TestPage() {
  const portal = await loadPortal("test");
  if (!portal.ok) return portal.page;
  const guide = providerGuide(portal.progress.provider);
  return portal.frame(
    <div className="space-y-8">
      <StepHeading description={`This page listens for ${guide.name}'s requests. Keep it open while you test the connection in ${guide.name}.`}>
        Test the connection
      </StepHeading>
      <ConnectionTest providerName={guide.name} testHint={guide.testHint} />
    </div>,
  );
}
