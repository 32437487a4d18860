import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/admin/format";
import { HealthBadge } from "@/components/admin/health-badge";
import { ConnectionHealthBadge } from "@/components/connection-health/connection-health-badge";
import { param, type SearchParams } from "@/components/admin/or-not-found";
import { PageHeader } from "@/components/admin/page-header";
import { Pager } from "@/components/admin/pager";
import { SearchForm } from "@/components/admin/search-form";
import { Badge, LinkButton, Table, TableEmptyRow, TBody, TD, TH, THead, TR } from "@/components/ui";
import { loadWorstHealthByOrganization } from "@/lib/directory-health/load-connection-health";
import { listOrganizationsOverview } from "@/lib/organizations/list-organizations-overview";
import { requireStaff } from "@/lib/staff/require-staff";

export const metadata: Metadata = { title: "Organisations" };
export const dynamic = "force-dynamic";

const PAGE_SIZE = 25;

export default async function OrganizationsPage({ searchParams }: { searchParams: SearchParams }) {
  const staff = await requireStaff();
  const params = await searchParams;
  const q = param(params, "q");
  const after = param(params, "after");
  const page = await listOrganizationsOverview({ q, after, limit: PAGE_SIZE });
  const health = await loadWorstHealthByOrganization(page.data.map((o) => o.id));

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Organisations"
        description="Every customer organisation, newest first, with its directories' connection (the most worrying one) and their failed requests over the last 24 hours."
        actions={staff.role === "admin" ? <LinkButton href="/admin/organizations/new">New organisation</LinkButton> : null}
      />
      <SearchForm label="Search organisations" value={q} placeholder="Name, slug, domain or id" />
      <Table caption={q ? `Organisations matching “${q}”` : "Organisations"} hideCaption>
        <THead>
          <TR>
            <TH>Organisation</TH>
            <TH>Domains</TH>
            <TH>Directories</TH>
            <TH>Connection</TH>
            <TH>Last request</TH>
            <TH>Last 24 hours</TH>
            <TH>SSO</TH>
          </TR>
        </THead>
        <TBody>
          {page.data.length === 0 ? (
            <TableEmptyRow colSpan={7}>
              {q ? `No organisation matches “${q}”. Search by name, the start of the slug, a domain, or the exact id.` : "There are no organisations yet."}
            </TableEmptyRow>
          ) : (
            page.data.map((org) => (
              <TR key={org.id}>
                <TD>
                  <Link href={`/admin/organizations/${org.id}`} className="font-medium text-brand-700 hover:underline">
                    {org.name}
                  </Link>
                  <div className="font-mono text-xs text-zinc-500">{org.slug}</div>
                </TD>
                <TD>{org.domains.length ? org.domains.join(", ") : <span className="text-zinc-400">none</span>}</TD>
                <TD className="tabular-nums">{org.directoryCount}</TD>
                <TD>
                  {(() => {
                    const h = health.get(org.id);
                    // The most worrying directory's state, with its reason on hover and for screen readers.
                    return h ? <span title={h.reason}><ConnectionHealthBadge state={h.state} label={h.label} /><span className="sr-only">: {h.reason}</span></span> : <span className="text-zinc-400">no directory</span>;
                  })()}
                </TD>
                <TD className="whitespace-nowrap">{formatDateTime(org.lastRequestAt)}</TD>
                <TD>
                  <HealthBadge errors={org.errors24h} requests={org.requests24h} />
                </TD>
                <TD>{org.ssoProtocol ? <Badge tone="success">{org.ssoProtocol.toUpperCase()} · {org.ssoProvider}</Badge> : <Badge>not configured</Badge>}</TD>
              </TR>
            ))
          )}
        </TBody>
      </Table>
      <Pager basePath="/admin/organizations" params={{ q, after }} nextCursor={page.nextCursor} label="Organisation pages" />
    </div>
  );
}
