import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/admin/format";
import { param, type SearchParams } from "@/components/admin/or-not-found";
import { PageHeader } from "@/components/admin/page-header";
import { Pager } from "@/components/admin/pager";
import { Table, TableEmptyRow, TBody, TD, TH, THead, TR } from "@/components/ui";
import { listStaffAuditEntries } from "@/lib/staff/list-staff-audit-entries";
import { requireStaff } from "@/lib/staff/require-staff";

export const metadata: Metadata = { title: "Audit trail" };
export const dynamic = "force-dynamic";

export default async function AuditTrailPage({ searchParams }: { searchParams: SearchParams }) {
  await requireStaff();
  const query = await searchParams;
  const after = param(query, "after");
  const organizationId = param(query, "organization");
  const page = await listStaffAuditEntries({ organizationId, after, limit: 50 });

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Audit trail" description="Everything staff did in the console: who, what, to which organisation, and when. Newest first." />
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
