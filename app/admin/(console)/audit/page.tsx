import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/admin/format";
import { param, type SearchParams } from "@/components/admin/or-not-found";
import { PageHeader } from "@/components/admin/page-header";
import { Pager } from "@/components/admin/pager";
import { Table, TableEmptyRow, TBody, TD, TH, THead, TR } from "@/components/ui";
import { listPortalAuditEntries } from "@/lib/portal/list-portal-audit-entries";
import { listStaffAuditEntries } from "@/lib/staff/list-staff-audit-entries";
import { requireStaff } from "@/lib/staff/require-staff";

export const metadata: Metadata = { title: "Audit trail" };
export const dynamic = "force-dynamic";

export default async function AuditTrailPage({ searchParams }: { searchParams: SearchParams }) {
  await requireStaff();
  const query = await searchParams;
  const after = param(query, "after");
  const organizationId = param(query, "organization");
  if (param(query, "trail") === "portal") return <PortalTrail organizationId={organizationId} after={after} />;
  const page = await listStaffAuditEntries({ organizationId, after, limit: 50 });

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Audit trail" description="Everything staff did in the console: who, what, to which organisation, and when. Newest first." />
      <TrailTabs current="console" organizationId={organizationId} />
      <Table caption="Staff audit trail" hideCaption>
        <THead>
          <TR>
            <TH>When</TH>
            <TH>Who</TH>
            <TH>Action</TH>
            <TH>Organisation</TH>
            <TH>Target</TH>
            <TH>Details</TH>
          </TR>
        </THead>
        <TBody>
          {page.data.length === 0 ? (
            <TableEmptyRow colSpan={6}>Nothing yet. Every change staff make in the console is recorded here.</TableEmptyRow>
          ) : (
            page.data.map((e) => (
              <TR key={e.id}>
                <TD className="whitespace-nowrap">{formatDateTime(e.createdAt)}</TD>
                <TD className="break-all">
                  {e.staffEmail}
                  {e.clientIp ? <div className="font-mono text-xs text-zinc-500">{e.clientIp}</div> : null}
                </TD>
                <TD className="font-mono text-xs">{e.action}</TD>
                <TD>
                  {e.organizationId ? (
                    <Link href={`/admin/organizations/${e.organizationId}`} className="text-brand-700 hover:underline">{e.organizationSlug ?? e.organizationId}</Link>
                  ) : (
                    <span className="text-zinc-400">none</span>
                  )}
                </TD>
                <TD className="font-mono text-xs break-all">{e.targetType ? `${e.targetType} ${e.targetId ?? ""}` : ""}</TD>
                <TD className="max-w-md font-mono text-xs break-all">{e.detail ? JSON.stringify(e.detail) : ""}</TD>
              </TR>
            ))
          )}
        </TBody>
      </Table>
      <Pager basePath="/admin/audit" params={{ after, organization: organizationId }} nextCursor={page.nextCursor} label="Audit trail pages" />
    </div>
  );
}

function TrailTabs({ current, organizationId }: { current: "console" | "portal"; organizationId?: string }) {
  const org = organizationId ? `organization=${encodeURIComponent(organizationId)}` : "";
  const tabs = [
    { key: "console", label: "Console", href: `/admin/audit${org ? `?${org}` : ""}` },
    { key: "portal", label: "Setup portal", href: `/admin/audit?trail=portal${org ? `&${org}` : ""}` },
  ] as const;
  return (
    <nav aria-label="Audit trails" className="flex gap-4 text-sm">
      {tabs.map((t) =>
        t.key === current ? (
          <span key={t.key} aria-current="page" className="font-semibold">{t.label}</span>
        ) : (
          <Link key={t.key} href={t.href} className="text-brand-700 hover:underline">{t.label}</Link>
        ),
      )}
    </nav>
  );
}

/** What was changed through setup links (issue 12, item 4): a link is a bearer credential, so each line names it, its issuer and the address. */
async function PortalTrail({ organizationId, after }: { organizationId?: string; after?: string }) {
  const page = await listPortalAuditEntries({ organizationId, after, limit: 50 });
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Audit trail" description="Everything changed through the setup portal: which link, who issued it, from which address, and when. Newest first." />
      <TrailTabs current="portal" organizationId={organizationId} />
      <Table caption="Setup portal audit trail" hideCaption>
        <THead>
          <TR>
            <TH>When</TH>
            <TH>Setup link</TH>
            <TH>Action</TH>
            <TH>Organisation</TH>
            <TH>Target</TH>
            <TH>Details</TH>
          </TR>
        </THead>
        <TBody>
          {page.data.length === 0 ? (
            <TableEmptyRow colSpan={6}>Nothing yet. Every change made through a setup link is recorded here.</TableEmptyRow>
          ) : (
            page.data.map((e) => (
              <TR key={e.id}>
                <TD className="whitespace-nowrap">{formatDateTime(e.createdAt)}</TD>
                <TD className="break-all">
                  <span className="font-mono text-xs">{e.setupLinkPrefix}</span>
                  <div className="text-xs text-zinc-600">issued by {e.setupLinkIssuedBy}</div>
                  {e.clientIp ? <div className="font-mono text-xs text-zinc-500">{e.clientIp}</div> : null}
                </TD>
                <TD className="font-mono text-xs">{e.action}</TD>
                <TD>
                  <Link href={`/admin/organizations/${e.organizationId}`} className="text-brand-700 hover:underline">{e.organizationSlug}</Link>
                </TD>
                <TD className="font-mono text-xs break-all">{e.targetType ? `${e.targetType} ${e.targetId ?? ""}` : ""}</TD>
                <TD className="max-w-md font-mono text-xs break-all">{e.detail ? JSON.stringify(e.detail) : ""}</TD>
              </TR>
            ))
          )}
        </TBody>
      </Table>
      <Pager basePath="/admin/audit" params={{ trail: "portal", after, organization: organizationId }} nextCursor={page.nextCursor} label="Portal audit trail pages" />
    </div>
  );
}
