import type { Metadata } from "next";
import Link from "next/link";
import { DeleteOrganizationButton } from "@/components/admin/delete-organization-button";
import { formatDateTime, formatNumber } from "@/components/admin/format";
import { HealthBadge } from "@/components/admin/health-badge";
import { orNotFound, param, type SearchParams } from "@/components/admin/or-not-found";
import { PageHeader } from "@/components/admin/page-header";
import { Pager } from "@/components/admin/pager";
import { SetupLinksPanel } from "@/components/admin/setup-links-panel";
import { Badge, Card, CardContent, CardDescription, CardHeader, CardTitle, LinkButton, Table, TableEmptyRow, TBody, TD, TH, THead, TR } from "@/components/ui";
import { accountDisplayName, listAccounts } from "@/lib/accounts/list-accounts";
import { listSetupLinks } from "@/lib/auth/list-setup-links";
import { listDirectoriesOverview } from "@/lib/directory/list-directories-overview";
import { getOrganizationOrThrow } from "@/lib/organizations/get-organization-or-throw";
import { SignInLog } from "@/components/sign-in/sign-in-log";
import { listSignInAttempts } from "@/lib/sign-in/list-sign-in-attempts";
import { getSsoConnection } from "@/lib/sso/get-sso-connection";
import { requireStaff } from "@/lib/staff/require-staff";

export const metadata: Metadata = { title: "Organisation" };
export const dynamic = "force-dynamic";

/** A certificate that expires this soon breaks SSO unless the customer rotates it in time. */
function expiresWithinDays(date: Date, days: number): boolean {
  return date.getTime() < Date.now() + days * 86_400_000;
}

const SYNC_MODE = { FULL: "Full provisioning", DEPROVISION_ONLY: "Deprovision-only (JIT)" } as const;

export default async function OrganizationPage({ params, searchParams }: { params: Promise<{ organizationId: string }>; searchParams: SearchParams }) {
  const staff = await requireStaff();
  const { organizationId } = await params;
  const query = await searchParams;
  const accountsAfter = param(query, "accountsAfter");
  const organization = await orNotFound(getOrganizationOrThrow({ organizationId }));
  const [sso, directories, links, accounts] = await Promise.all([
    getSsoConnection({ organizationId }),
    listDirectoriesOverview({ organizationId }),
    listSetupLinks({ organizationId }),
    listAccounts({ organizationId, limit: 25, after: accountsAfter }),
  ]);
  const isAdmin = staff.role === "admin";

  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        eyebrow={<Link href="/admin/organizations" className="hover:underline">Organisations</Link>}
        title={organization.name}
        description={
          <span>
            <span className="font-mono">{organization.slug}</span> · {organization.domains.length ? organization.domains.join(", ") : "no domains"} · created {formatDateTime(organization.createdAt)} ·{" "}
            <span className="font-mono text-xs">{organization.id}</span>
          </span>
        }
        actions={
          isAdmin ? (
            <>
              <LinkButton href={`/admin/organizations/${organization.id}/edit`} variant="secondary" size="sm">Edit</LinkButton>
              <DeleteOrganizationButton organizationId={organization.id} name={organization.name} />
            </>
          ) : null
        }
      />

      <section aria-labelledby="sso-heading">
        <Card>
          <CardHeader>
            <CardTitle id="sso-heading">Single sign-on</CardTitle>
            <CardDescription>As the customer configured it in the setup portal.</CardDescription>
          </CardHeader>
          <CardContent>
            {sso ? (
              <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
                <dt className="font-medium text-zinc-900">Protocol</dt>
                <dd><Badge tone="success">{sso.protocol.toUpperCase()}</Badge> with {sso.provider}</dd>
                {sso.protocol === "saml" ? (
                  <>
                    <dt className="font-medium text-zinc-900">IdP entity ID</dt>
                    <dd className="font-mono text-xs break-all">{sso.idpEntityId}</dd>
                    <dt className="font-medium text-zinc-900">IdP sign-in URL</dt>
                    <dd className="font-mono text-xs break-all">{sso.idpSsoUrl}</dd>
                    <dt className="font-medium text-zinc-900">Metadata</dt>
                    <dd className="font-mono text-xs break-all">{sso.metadataUrl ?? "pasted, not fetched from a URL"}</dd>
                    <dt className="font-medium text-zinc-900">Certificate</dt>
                    <dd>
                      <span className="break-all">{sso.certificate.subject}</span>, expires {formatDateTime(sso.certificate.expiresAt, "unknown")}
                      {expiresWithinDays(sso.certificate.expiresAt, 30) ? <Badge tone="warning" className="ml-2">expires soon</Badge> : null}
                    </dd>
                  </>
                ) : (
                  <>
                    <dt className="font-medium text-zinc-900">Issuer</dt>
                    <dd className="font-mono text-xs break-all">{sso.issuer}</dd>
                    <dt className="font-medium text-zinc-900">Client ID</dt>
                    <dd className="font-mono text-xs break-all">{sso.clientId}</dd>
                    <dt className="font-medium text-zinc-900">Client secret</dt>
                    <dd>{sso.hasClientSecret ? "stored (encrypted)" : "missing"}</dd>
                  </>
                )}
                <dt className="font-medium text-zinc-900">Last changed</dt>
                <dd>{formatDateTime(sso.updatedAt)}</dd>
              </dl>
            ) : (
              <p>SSO is not configured. Issue a setup link below so the customer&rsquo;s IT admin can set it up.</p>
            )}
          </CardContent>
        </Card>
      </section>

      <section aria-labelledby="directories-heading" className="flex flex-col gap-3">
        <h2 id="directories-heading" className="text-lg font-semibold text-zinc-900">Directories</h2>
        <Table caption="Directories" hideCaption>
          <THead>
            <TR>
              <TH>Directory</TH>
              <TH>Provider</TH>
              <TH>Mode</TH>
              <TH>Users</TH>
              <TH>Groups</TH>
              <TH>Last request</TH>
              <TH>Last 24 hours</TH>
            </TR>
          </THead>
          <TBody>
            {directories.length === 0 ? (
              <TableEmptyRow colSpan={7}>No directories yet. The customer creates one in the setup portal, or an operator with `dsync directory create`.</TableEmptyRow>
            ) : (
              directories.map((d) => (
                <TR key={d.id}>
                  <TD>
                    <Link href={`/admin/directories/${d.id}`} className="font-medium text-brand-700 hover:underline">{d.name}</Link>
                    <div className="font-mono text-xs text-zinc-500">{d.id}</div>
                  </TD>
                  <TD>{d.provider}</TD>
                  <TD>{SYNC_MODE[d.syncMode]}</TD>
                  <TD className="tabular-nums">{formatNumber(d.userCount)}</TD>
                  <TD className="tabular-nums">{formatNumber(d.groupCount)}</TD>
                  <TD className="whitespace-nowrap">{formatDateTime(d.lastRequestAt)}</TD>
                  <TD><HealthBadge errors={d.errors24h} requests={d.requests24h} /></TD>
                </TR>
              ))
            )}
          </TBody>
        </Table>
      </section>

      <section aria-labelledby="links-heading" className="flex flex-col gap-3">
        <h2 id="links-heading" className="text-lg font-semibold text-zinc-900">Setup links</h2>
        <SetupLinksPanel
          organizationId={organization.id}
          canRevoke={isAdmin}
          links={links.map((l) => ({
            id: l.id, prefix: l.prefix, intent: l.intent, createdBy: l.createdBy, status: l.status,
            createdAt: l.createdAt.toISOString(), expiresAt: l.expiresAt.toISOString(), lastUsedAt: l.lastUsedAt?.toISOString() ?? null,
          }))}
        />
      </section>

      <section aria-labelledby="accounts-heading" className="flex flex-col gap-3">
        <h2 id="accounts-heading" className="text-lg font-semibold text-zinc-900">Accounts</h2>
        <Table caption="Accounts" hideCaption>
          <THead>
            <TR>
              <TH>Email</TH>
              <TH>Name</TH>
              <TH>Status</TH>
              <TH>Source</TH>
              <TH>Created</TH>
            </TR>
          </THead>
          <TBody>
            {accounts.data.length === 0 ? (
              <TableEmptyRow colSpan={5}>No accounts yet. They appear when the identity provider pushes users, or at first SSO sign-in in deprovision-only mode.</TableEmptyRow>
            ) : (
              accounts.data.map((a) => (
                <TR key={a.id}>
                  <TD className="break-all">{a.email}</TD>
                  <TD>{accountDisplayName(a) ?? <span className="text-zinc-400">none</span>}</TD>
                  <TD><Badge tone={a.status === "active" ? "success" : "neutral"}>{a.status}</Badge></TD>
                  <TD>{a.source}</TD>
                  <TD className="whitespace-nowrap">{formatDateTime(a.createdAt)}</TD>
                </TR>
              ))
            )}
          </TBody>
        </Table>
        <Pager basePath={`/admin/organizations/${organization.id}`} params={{ accountsAfter }} cursorName="accountsAfter" nextCursor={accounts.nextCursor} label="Account pages" />
      </section>
      <section aria-label="Single sign-on attempts" className="flex flex-col gap-3">
        <SignInLog attempts={(await listSignInAttempts({ organizationId: organization.id, limit: 50 })).data} />
      </section>
    </div>
  );
}
