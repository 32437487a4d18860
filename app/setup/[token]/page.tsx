import type { Metadata } from "next";
import { LinkProblem } from "@/components/setup/link-problem";
import { OpenSetupLink } from "@/components/setup/open-setup-link";
import { inspectSetupLink } from "@/lib/portal/inspect-setup-link";

export const metadata: Metadata = { title: "Setup link" };

// GET /setup/<token>: says what is wrong with a bad link; a good one is opened by a POST from the page.
export default async function SetupLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await inspectSetupLink({ token: decodeURIComponent(token) });
  if (link.status === "unknown") return <LinkProblem kind="unknown" contact={link.contact} />;
  if (link.status !== "active") return <LinkProblem kind={link.status} organizationName={link.organization.name} at={link.at} contact={link.contact} />;
  return <OpenSetupLink token={decodeURIComponent(token)} organizationName={link.organization.name} />;
}
