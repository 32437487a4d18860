import type { Metadata } from "next";
import { ConnectionHealthPanel } from "@/components/setup/connection-health-panel";
import { DirectoryOverview } from "@/components/setup/directory-overview";
import { loadPortal } from "@/components/setup/load-portal";
import { PortalSyncLog } from "@/components/setup/portal-sync-log";
import { PortalSyncStatus } from "@/components/setup/portal-sync-status";
import { StepHeading } from "@/components/setup/step-heading";
import { PROVIDER_GROUPS_OFF } from "@/lib/audit/sync-log-vocabulary";
import { SyncModeChange } from "@/components/setup/sync-mode-change";
import { TokenRotation } from "@/components/setup/token-rotation";
import { Badge, EmptyState, LinkButton } from "@/components/ui";
import { getConnectionHealth } from "@/lib/directory-health/load-connection-health";
import { getPortalDirectory } from "@/lib/portal/get-portal-directory";
import { providerGuide, upperFirst } from "@/lib/portal/provider-guides";
import { SignInLog } from "@/components/sign-in/sign-in-log";
import { listSignInAttempts } from "@/lib/sign-in/list-sign-in-attempts";
import { getSsoConnection } from "@/lib/sso/get-sso-connection";

export const metadata: Metadata = { title: "Done" };

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export default async function DonePage() {
  const portal = await loadPortal("done");
  if (!portal.ok) return portal.page;
  const organizationId = portal.principal.organization.id;
  const { intent, issuerRole } = portal.principal.setupLink;
  // A link issued by support staff can do no more than support can in the console (issue 12, item 4).
  const limited = issuerRole === "support";
  const guide = providerGuide(portal.progress.provider);
  // In running text the generic guide's "Another provider" would read as a name.
  const providerName = guide.name;
  const withSso = intent !== "dsync";
  const withDsync = intent !== "sso";
  const [sso, found, signIns] = await Promise.all([
    withSso ? getSsoConnection({ organizationId }) : null,
    withDsync ? getPortalDirectory({ organizationId }) : null,
    withSso ? listSignInAttempts({ organizationId, limit: 20 }) : null,
  ]);
  // "Live" only while the connection is healthy, judged on its recent requests, not merely because it once called.
  const health = found ? await getConnectionHealth({ organizationId, directoryId: found.directory.id }) : null;
  const live = health?.state === "healthy";
  const Provider = upperFirst(guide.name);
  // Google Workspace and CSV directories are pulled: no SCIM requests, no token; their sync status says how they are.
  const pulled = found !== null && found.directory.source !== "scim";

  return portal.frame(
    <div className="space-y-8">
      <StepHeading
        description={
          pulled
            ? `Directory sync is set up: ${found.directory.source === "google" ? "Rollcall pulls your Google Workspace directory" : "you import CSV files"}. Below is how it stands and every change it made. Bookmark your setup link to come back here.`
            : live
            ? `${Provider} is connected. Every request it sends shows up below within a couple of seconds. Bookmark your setup link to come back here.`
            : health?.state === "failing" || health?.state === "silent"
              ? `Directory sync is set up, but the connection needs attention: see below what is wrong and how to fix it in ${providerName}. Bookmark your setup link to come back here.`
            : found?.directory.status === "PENDING"
              ? `Directory sync is set up. When ${providerName} sends its first request, it shows up below within a couple of seconds. Bookmark your setup link to come back here.`
              : "Here is what is set up. Bookmark your setup link to come back and change it."
        }
      >
        {live ? "Done, and live" : "Done"}
      </StepHeading>

      {withSso ? (
        <section aria-labelledby="sso-heading" className="flex flex-col gap-3 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm sm:flex-row sm:items-center sm:justify-between sm:p-6">
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              <h2 id="sso-heading" className="text-base font-semibold text-zinc-900">
                Single sign-on
              </h2>
              {sso ? <Badge tone="success" dot>{sso.protocol === "saml" ? "SAML 2.0" : "OpenID Connect"}</Badge> : <Badge tone="warning" dot>Not set up</Badge>}
            </div>
            <p className="mt-1 text-sm break-words text-zinc-600">
              {!sso
                ? `Connect ${providerName} so that your people sign in with it.`
                : sso.protocol === "saml"
                  ? `${sso.idpEntityId} · certificate expires ${dateFormat.format(sso.certificate.expiresAt)}`
                  : `${sso.issuer} · client ${sso.clientId}`}
            </p>
          </div>
          <LinkButton href="/setup/sso" variant="secondary" size="sm">
            {sso ? "Change" : "Set up"}
          </LinkButton>
        </section>
      ) : null}

      {withSso && sso && signIns ? <SignInLog attempts={signIns.data} /> : null}

      {withDsync && found && pulled ? (
        <>
          <DirectoryOverview providerName={providerName} />
          <PortalSyncStatus />
          {found.directory.source === "csv" ? <LinkButton href="/setup/directory-sync" variant="secondary">Import a new CSV file</LinkButton> : null}
          <PortalSyncLog providerName={providerName} source={found.directory.source} />
        </>
      ) : null}

      {withDsync && found && !pulled ? (
        <>
          <DirectoryOverview providerName={providerName} />
          <ConnectionHealthPanel />
          <PortalSyncLog providerName={providerName} source="scim" />
          <div className="space-y-6">
            <TokenRotation providerName={providerName} tokenField={guide.fields.scimToken} tokenPrefixes={found.tokens.map((t) => t.prefix)} withoutGrace={!limited} />
            {limited ? null : <SyncModeChange guide={{ name: guide.name, fullModeSteps: guide.fullModeSteps, deprovisionOnlySteps: guide.deprovisionOnlySteps }} groupsOff={PROVIDER_GROUPS_OFF[guide.id]} current={found.directory.syncMode} />}
          </div>
        </>
      ) : null}

      {withDsync && !found ? (
        <EmptyState
          titleAs="h2"
          title="Directory sync is not set up"
          description={`Without it, ${providerName} cannot deactivate leavers here. You can set it up now or come back later through the same link.`}
          action={<LinkButton href="/setup/directory-sync">Set up directory sync</LinkButton>}
        />
      ) : null}
    </div>,
  );
}
