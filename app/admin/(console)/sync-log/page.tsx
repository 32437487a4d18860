import type { Metadata } from "next";
import Link from "next/link";
import { param, type SearchParams } from "@/components/admin/or-not-found";
import { PageHeader } from "@/components/admin/page-header";
import { SyncLogView } from "@/components/sync-log/sync-log-view";
import { cn } from "@/components/ui";
import { requireStaff } from "@/lib/staff/require-staff";

export const metadata: Metadata = { title: "Sync log" };
export const dynamic = "force-dynamic";

export default async function CrossTenantSyncLogPage({ searchParams }: { searchParams: SearchParams }) {
  await requireStaff();
  const errorsOnly = param(await searchParams, "errors") === "only";
  const listUrl = errorsOnly ? "/api/admin/sync-log?errors=only" : "/api/admin/sync-log";
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Sync log"
        description="Every SCIM request, across all organisations, newest first and live. Choose “Only errors” and “Last hour” to see what is failing right now."
      />
      <nav aria-label="Which requests" className="flex gap-2">
        {[
          { href: "/admin/sync-log", label: "All requests", current: !errorsOnly },
          { href: "/admin/sync-log?errors=only", label: "Only errors (4xx and 5xx)", current: errorsOnly },
        ].map((item) => (
          <Link
            key={item.href}
            href={item.href}
            aria-current={item.current ? "page" : undefined}
            className={cn(
              "rounded-full px-3 py-1.5 text-sm font-medium ring-1 ring-inset",
              item.current ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-zinc-700 ring-zinc-300 hover:bg-zinc-50",
            )}
          >
            {item.label}
          </Link>
        ))}
      </nav>
      <SyncLogView
        key={listUrl}
        listUrl={listUrl}
        showTenant
        showTimeAndText
        tenantHref="/admin/directories/{directory.id}/sync-log"
        emptyText={errorsOnly ? "No failed requests. Every identity provider's requests are succeeding." : "No SCIM requests yet, from any organisation."}
      />
    </div>
  );
}
