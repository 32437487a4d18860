import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { formatDateTime, formatNumber } from "@/components/admin/format";
import { HealthBadge } from "@/components/admin/health-badge";
import { ConnectionHealthSummary } from "@/components/connection-health/connection-health-summary";
import { PageHeader } from "@/components/admin/page-header";
import { PullStatusPanel } from "@/components/admin/pull-status-panel";
import { Tabs } from "@/components/admin/tabs";
import { Badge } from "@/components/ui";
import { listDirectoriesOverview } from "@/lib/directory/list-directories-overview";
import { getConnectionHealth } from "@/lib/directory-health/load-connection-health";
import { toConnectionHealthJson } from "@/lib/directory-health/to-connection-health-json";
import { requireStaff } from "@/lib/staff/require-staff";

const SYNC_MODE = { FULL: "Full provisioning", DEPROVISION_ONLY: "Deprovision-only (JIT)" } as const;

export default async function DirectoryLayout({ params, children }: { params: Promise<{ directoryId: string }>; children: ReactNode }) {
  const staff = await requireStaff();
  const { directoryId } = await params;
  const [directory] = await listDirectoriesOverview({ directoryId });
  if (!directory) notFound();
  const health = await getConnectionHealth({ organizationId: directory.organizationId, directoryId: directory.id });
  const base = `/admin/directories/${directory.id}`;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        eyebrow={
          <Link href={`/admin/organizations/${directory.organizationId}`} className="hover:underline">
            {directory.organizationName}
          </Link>
        }
        title={directory.name}
        description={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span>{directory.provider}</span>
            <span>{SYNC_MODE[directory.syncMode]}</span>
            <Badge tone={directory.status === "ACTIVE" ? "success" : directory.status === "DISABLED" ? "danger" : "neutral"}>{directory.status.toLowerCase()}</Badge>
            <span>{formatNumber(directory.userCount)} users · {formatNumber(directory.groupCount)} groups</span>
            <span>last request {formatDateTime(directory.lastRequestAt)}</span>
            <HealthBadge errors={directory.errors24h} requests={directory.requests24h} />
            <span className="font-mono text-xs">{directory.id}</span>
          </span>
        }
      />
      {health && directory.status !== "DISABLED" ? (
        <section aria-label="Connection health" className="rounded-xl border border-zinc-200 bg-white p-4 shadow-sm sm:p-5">
          <ConnectionHealthSummary health={toConnectionHealthJson(health)} />
        </section>
      ) : null}
      <PullStatusPanel organizationId={directory.organizationId} directoryId={directory.id} staffRole={staff.role} />
      <Tabs
        label="Directory"
        items={[
          { href: `${base}/users`, label: "Users" },
          { href: `${base}/groups`, label: "Groups" },
          { href: `${base}/sync-log`, label: "Sync log" },
          { href: `${base}/tokens`, label: "Tokens and settings" },
          { href: `${base}/webhooks`, label: "Webhook deliveries" },
        ]}
      />
      {children}
    </div>
  );
}
