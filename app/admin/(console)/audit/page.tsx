import type { Metadata } from "next";
import Link from "next/link";
import { AuditTrailTable, type AuditTrailRow } from "@/components/admin/audit-trail-table";
import { param, type SearchParams } from "@/components/admin/or-not-found";
import { PageHeader } from "@/components/admin/page-header";
import { Pager } from "@/components/admin/pager";
import { Alert, Button, Input, Label, Select } from "@/components/ui";
import { listPortalAuditEntries } from "@/lib/portal/list-portal-audit-entries";
import { auditTrailTimeBounds, parseAuditTrailQuery, type AuditTrailFilters } from "@/lib/staff/audit-trail-query";
import { AUDIT_ACTIONS } from "@/lib/staff/describe-audit-entry";
import { listStaffAuditEntries } from "@/lib/staff/list-staff-audit-entries";
import { requireStaff } from "@/lib/staff/require-staff";

export const metadata: Metadata = { title: "Audit trail" };
export const dynamic = "force-dynamic";

const PAGE_SIZE = 50;

export default async function AuditTrailPage({ searchParams }: { searchParams: SearchParams }) {
  await requireStaff();
  const query = await searchParams;
  const after = param(query, "after");
  const { filters, ignored } = parseAuditTrailQuery({
    trail: param(query, "trail"), who: param(query, "who"), action: param(query, "action"),
    organization: param(query, "organization"), from: param(query, "from"), to: param(query, "to"),
  });
  const where = { organization: filters.organization, who: filters.who, action: filters.action, ...auditTrailTimeBounds(filters), after, limit: PAGE_SIZE };
  const portal = filters.trail === "portal";
  let rows: AuditTrailRow[];
  let nextCursor: string | null;
  if (portal) {
    const page = await listPortalAuditEntries(where);
    nextCursor = page.nextCursor;
    rows = page.data.map((e) => ({
      ...e,
      who: { primary: `link ${e.setupLinkPrefix}`, secondary: `issued by ${e.setupLinkIssuedBy}`, mono: true },
      organization: { id: e.organizationId, label: e.organizationSlug },
    }));
  } else {
    const page = await listStaffAuditEntries(where);
    nextCursor = page.nextCursor;
    rows = page.data.map((e) => ({
      ...e,
      who: { primary: e.staffEmail },
      organization: e.organizationId ? { id: e.organizationId, label: e.organizationSlug ?? e.organizationId } : null,
    }));
  }
  const filtered = Boolean(filters.who || filters.action || filters.organization || filters.from || filters.to);
  const kept = { trail: portal ? "portal" : undefined, who: filters.who, action: filters.action, organization: filters.organization, from: filters.from, to: filters.to };

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Audit trail"
        description={portal
          ? "Everything changed through the setup portal: which link, who issued it, from which address, and when. Newest first."
          : "Everything staff did in the console: who, what, to which organisation, and when. Newest first."}
      />
      <TrailTabs current={filters.trail} filters={filters} />
      {ignored.length > 0 ? (
        <Alert tone="warning" title="Some filters in this address were ignored">
          {`This page's address asked for ${ignored.join("; ")}. The trail below is shown without ${ignored.length === 1 ? "that filter" : "those filters"}.`}
        </Alert>
      ) : null}
      <AuditFilters filters={filters} portal={portal} />
      <AuditTrailTable
        caption={portal ? "Setup portal audit trail" : "Staff audit trail"}
        whoHeading={portal ? "Setup link" : "Who"}
        rows={rows}
        emptyText={filtered
          ? "No entry matches these filters."
          : portal ? "Nothing yet. Every change made through a setup link is recorded here." : "Nothing yet. Every change staff make in the console is recorded here."}
      />
      <Pager basePath="/admin/audit" params={{ ...kept, after }} nextCursor={nextCursor} label={portal ? "Portal audit trail pages" : "Audit trail pages"} />
    </div>
  );
}

function TrailTabs({ current, filters }: { current: "console" | "portal"; filters: AuditTrailFilters }) {
  // The organisation and the time stay when switching trails; who and what mean different things in each.
  const href = (trail: "console" | "portal") => {
    const search = new URLSearchParams();
    if (trail === "portal") search.set("trail", "portal");
    for (const key of ["organization", "from", "to"] as const) if (filters[key]) search.set(key, filters[key]);
    const qs = search.toString();
    return qs ? `/admin/audit?${qs}` : "/admin/audit";
  };
  const tabs = [{ key: "console", label: "Console" }, { key: "portal", label: "Setup portal" }] as const;
  return (
    <nav aria-label="Audit trails" className="flex gap-4 text-sm">
      {tabs.map((t) =>
        t.key === current ? (
          <span key={t.key} aria-current="page" className="font-semibold">{t.label}</span>
        ) : (
          <Link key={t.key} href={href(t.key)} className="text-brand-700 hover:underline">{t.label}</Link>
        ),
      )}
    </nav>
  );
}

/** A GET form: the filters land in the address, so a filtered trail can be reloaded, paged and pasted into a ticket. */
function AuditFilters({ filters, portal }: { filters: AuditTrailFilters; portal: boolean }) {
  return (
    <form role="search" aria-label="Filter the audit trail" method="get" className="grid grid-cols-1 items-end gap-3 sm:grid-cols-2 lg:grid-cols-6">
      {portal ? <input type="hidden" name="trail" value="portal" /> : null}
      <div className="flex flex-col gap-1.5 lg:col-span-2">
        <Label htmlFor="audit-who">{portal ? "Issued by or link" : "Who"}</Label>
        <Input id="audit-who" name="who" type="search" defaultValue={filters.who} placeholder={portal ? "staff:jo@example.com, api:, cli or rc_setup_…" : "jo@example.com"} autoComplete="off" spellCheck={false} />
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="audit-action">What</Label>
        <Select id="audit-action" name="action" defaultValue={filters.action ?? ""}>
          <option value="">Everything</option>
          {Object.entries(AUDIT_ACTIONS).map(([value, label]) => (
            <option key={value} value={value}>{label}</option>
          ))}
        </Select>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="audit-organization">Organisation</Label>
        <Input id="audit-organization" name="organization" defaultValue={filters.organization} placeholder="slug or org_…" autoComplete="off" spellCheck={false} />
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="audit-from">From (UTC)</Label>
        <Input id="audit-from" name="from" type="date" defaultValue={filters.from} />
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="audit-to">To (UTC)</Label>
        <Input id="audit-to" name="to" type="date" defaultValue={filters.to} />
      </div>
      <div className="flex gap-2 lg:col-span-6">
        <Button type="submit" variant="secondary">Filter</Button>
        <Link href={portal ? "/admin/audit?trail=portal" : "/admin/audit"} className="self-center text-sm text-brand-700 hover:underline">Clear filters</Link>
      </div>
    </form>
  );
}
