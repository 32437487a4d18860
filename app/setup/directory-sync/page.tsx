import type { Metadata } from "next";
import { CompleteStepButton } from "@/components/setup/complete-step-button";
import { CsvUpload } from "@/components/setup/csv-upload";
import { DeliveredToken } from "@/components/setup/delivered-token";
import { DirectorySyncForm } from "@/components/setup/directory-sync-form";
import { GoogleConnectButton } from "@/components/setup/google-connect-button";
import { loadPortal } from "@/components/setup/load-portal";
import { PortalSyncLog } from "@/components/setup/portal-sync-log";
import { PortalSyncStatus } from "@/components/setup/portal-sync-status";
import { PulledDirectorySetup } from "@/components/setup/pulled-directory-setup";
import { StepHeading } from "@/components/setup/step-heading";
import { ProviderSteps } from "@/components/setup/provider-steps";
import { Alert, CopyField, LinkButton } from "@/components/ui";
import { scimBaseUrl } from "@/lib/directory/scim-base-url";
import { googleConfig } from "@/lib/directory-pull/google/google-config";
import { GOOGLE_CONNECTION_PROBLEMS, type GoogleConnectionProblem } from "@/lib/portal/complete-google-connection";
import { getScimTokenDelivery } from "@/lib/portal/get-scim-token-delivery";
import { getPortalDirectory } from "@/lib/portal/get-portal-directory";
import { providerGuide, upperFirst } from "@/lib/portal/provider-guides";

export const metadata: Metadata = { title: "Directory sync" };

export default async function DirectorySyncPage({ searchParams }: { searchParams: Promise<{ google?: string }> }) {
  const portal = await loadPortal("directory-sync");
  if (!portal.ok) return portal.page;
  const guide = providerGuide(portal.progress.provider);
  const found = await getPortalDirectory({ organizationId: portal.principal.organization.id });
  const delivery = await getScimTokenDelivery({ organizationId: portal.principal.organization.id, setupLinkId: portal.principal.setupLink.id });
  const existing = found && { syncMode: found.directory.syncMode, scimBaseUrl: found.scimBaseUrl, tokenPrefixes: found.tokens.map((t) => t.prefix) };
  const source = found?.directory.source ?? null;
  // The outcome of Google's consent screen, sent back by /setup/google/callback.
  const google = (await searchParams).google;
  const googleProblem = google && google in GOOGLE_CONNECTION_PROBLEMS ? GOOGLE_CONNECTION_PROBLEMS[google as GoogleConnectionProblem] : null;
  const googleAvailable = guide.id === "google" && googleConfig() !== undefined;
  const scimForm = <DirectorySyncForm guide={guide} existing={existing} skipHref="/setup/done" />;

  if (delivery) {
    // A link that staff sent with a rotated token is about that token alone: show it, where its provider wants it,
    // and nothing that would set up a second directory.
    const tokenGuide = providerGuide(delivery.provider);
    return portal.frame(
      <div className="space-y-8">
        <StepHeading description={`A new SCIM token for ${tokenGuide.name}, sent to you by Rollcall support.`}>Directory sync</StepHeading>
        <DeliveredToken
          providerName={tokenGuide.name}
          tokenField={tokenGuide.fields.scimToken}
          state={delivery.status === "shown" ? { status: "shown", tokenPrefix: delivery.tokenPrefix, revealedAt: delivery.revealedAt.toISOString() } : { status: delivery.status, tokenPrefix: delivery.tokenPrefix }}
        />
        <CopyField id="scim-base-url" label={tokenGuide.fields.scimBaseUrl} value={scimBaseUrl(delivery.directoryId)} hint="Unchanged: only the token is new." />
        <ProviderSteps title={`In ${tokenGuide.name}`} steps={tokenGuide.scimSteps} />
        <LinkButton href="/setup/done" variant="secondary">Go to the Done page</LinkButton>
      </div>,
    );
  }

  return portal.frame(
    <div className="space-y-8">
      <StepHeading
        description={
          source === "google"
            ? "Rollcall pulls your Google Workspace directory, read-only: every 30 minutes, and whenever you choose Sync now."
            : source === "csv"
              ? "Upload an export of your people whenever it changes; each file replaces the last. You can also automate it through Rollcall's API."
              : `${upperFirst(guide.name)} keeps your people's accounts up to date. This step is optional: skip it now and come back through the same link whenever you like.`
        }
      >
        Directory sync
      </StepHeading>
      {google === "connected" ? <Alert tone="success" title="Google Workspace is connected">The first sync is under way; its changes appear below within a few seconds.</Alert> : null}
      {googleProblem ? <Alert tone="danger" title="Google Workspace was not connected">{googleProblem}</Alert> : null}

      {source === "google" || source === "csv" ? (
        <>
          <PortalSyncStatus connect={source === "google" ? <GoogleConnectButton syncMode={found!.directory.syncMode} reconnect /> : undefined} />
          {source === "csv" ? <CsvUpload /> : null}
          <PortalSyncLog providerName={guide.name} source={source} />
          <CompleteStepButton step="directory-sync">Continue</CompleteStepButton>
        </>
      ) : found ? (
        scimForm
      ) : (
        <PulledDirectorySetup providerName={guide.name} scimSupported={guide.scimSupported} googleAvailable={googleAvailable} scimForm={scimForm} />
      )}
    </div>,
  );
}
