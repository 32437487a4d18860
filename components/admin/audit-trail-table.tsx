import Link from "next/link";
import { formatDateTime } from "@/components/admin/format";
import { Table, TableEmptyRow, TBody, TD, TH, THead, TR } from "@/components/ui";
import { AUDIT_ACTIONS, describeAuditEntry } from "@/lib/staff/describe-audit-entry";

/** One entry of either trail, as the table shows it: who did it (and from where), what, to which organisation. */
export type AuditTrailRow = {
  id: string;
  createdAt: Date;
  /** The staff member's email, or for the portal the link and who issued it. */
  who: { primary: string; secondary?: string; mono?: boolean };
  clientIp: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  detail: unknown;
  organization: { id: string; label: string } | null;
};

/**
 * The audit trail as one table for both trails (the console's and the setup portal's): each entry in words, with
 * the stored action and its raw details on demand.
 */
export function AuditTrailTable({ caption, whoHeading, rows, emptyText }: { caption: string; whoHeading: string; rows: AuditTrailRow[]; emptyText: string }) {
  return (
    <Table caption={caption} hideCaption>
      <THead>
        <TR>
          <TH>When</TH>
          <TH>{whoHeading}</TH>
          <TH>What happened</TH>
          <TH>Organisation</TH>
        </TR>
      </THead>
      <TBody>
        {rows.length === 0 ? (
          <TableEmptyRow colSpan={4}>{emptyText}</TableEmptyRow>
        ) : (
          rows.map((e) => (
            <TR key={e.id}>
              <TD className="whitespace-nowrap">{formatDateTime(e.createdAt)}</TD>
              <TD className="break-all">
                <span className={e.who.mono ? "font-mono text-xs" : undefined}>{e.who.primary}</span>
                {e.who.secondary ? <div className="text-xs text-zinc-600">{e.who.secondary}</div> : null}
                {e.clientIp ? <div className="font-mono text-xs text-zinc-500">from {e.clientIp}</div> : null}
              </TD>
              <TD className="max-w-xl">
                <p className="break-words">{describeAuditEntry(e)}</p>
                <details className="mt-1 text-xs text-zinc-500">
                  <summary className="cursor-pointer">{AUDIT_ACTIONS[e.action] ?? e.action} · details</summary>
                  <div className="mt-1 font-mono break-all">
                    {e.action}
                    {e.targetType ? ` · ${e.targetType} ${e.targetId ?? ""}` : ""}
                    {e.detail ? ` · ${JSON.stringify(e.detail)}` : ""}
                  </div>
                </details>
              </TD>
              <TD>
                {e.organization ? (
                  <Link href={`/admin/organizations/${e.organization.id}`} className="text-brand-700 hover:underline">{e.organization.label}</Link>
                ) : (
                  <span className="text-zinc-400">none</span>
                )}
              </TD>
            </TR>
          ))
        )}
      </TBody>
    </Table>
  );
}
