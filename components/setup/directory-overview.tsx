"use client";

import { useQuery } from "@tanstack/react-query";
import { ConnectionHealthBadge } from "@/components/connection-health/connection-health-badge";
import { Alert, Badge, Stat } from "@/components/ui";
import type { ConnectionHealthJson } from "@/lib/directory-health/to-connection-health-json";
import { directorySourceWords, type DirectorySourceKind } from "@/lib/portal/directory-source-words";
import { fetchPortalJson } from "./fetch-portal-json";

type Overview = {
  directory: { id: string; provider: string; source: DirectorySourceKind; syncMode: "FULL" | "DEPROVISION_ONLY"; status: "PENDING" | "ACTIVE" | "DISABLED" } | null;
  counts?: { users: number; activeUsers: number; inactiveUsers: number; groups: number; withAccount: number };
  health?: ConnectionHealthJson | null;
};

/**
 * The directory's counts, refreshed every two seconds so that they move with the sync log below. In
 * deprovision-only mode it separates the people the directory knows from those who have an account, and says
 * why they differ: accounts are made at the first SSO sign-in. A pulled directory (Google Workspace, CSV) receives
 * no requests, so its badge names its source instead of a request-based connection health that would stay
 * "Awaiting first request"; the sync status panel beside it says how its syncs went.
 */
export function DirectoryOverview({ providerName = "your identity provider" }: { providerName?: string }) {
  const query = useQuery({ queryKey: ["portal", "overview"], queryFn: () => fetchPortalJson<Overview>("/setup/api/overview"), refetchInterval: 2000 });
  if (query.isError) return <Alert tone="danger">{query.error.message}</Alert>;
  const counts = query.data?.counts;
  const health = query.data?.health;
  const value = (n: number | undefined) => (n === undefined ? "–" : n);
  const deprovisionOnly = query.data?.directory?.syncMode === "DEPROVISION_ONLY";
  const words = directorySourceWords(query.data?.directory?.source ?? "scim", providerName);
  // Deprovision-only separates the people the directory knows from those with an account; groups are refused there.
  const stats: [string, number | undefined][] = deprovisionOnly
    ? [["Known to the directory", counts?.users], ["Have an account", counts?.withAccount], ["Active in the directory", counts?.activeUsers], ["Inactive", counts?.inactiveUsers]]
    : [["Users", counts?.users], ["Active", counts?.activeUsers], ["Inactive", counts?.inactiveUsers], ["Groups", counts?.groups]];
  return (
    <section aria-labelledby="overview-heading" className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm sm:p-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="overview-heading" className="text-base font-semibold text-zinc-900">
          Directory
        </h2>
        {/* SCIM: the connection's health, derived from its requests, rather than a fixed "Live" once it has called. */}
        {words.overviewBadge ? (
          <Badge tone="neutral" data-testid="overview-source">{words.overviewBadge}</Badge>
        ) : health ? (
          <ConnectionHealthBadge state={health.state} label={health.label} />
        ) : null}
      </div>
      {deprovisionOnly ? (
        <p data-testid="deprovision-only-note" className="mt-2 text-sm text-zinc-600">
          {words.deprovisionOnlyNote}
        </p>
      ) : null}
      <div data-testid="overview-counts" className="mt-5 grid grid-cols-2 gap-x-4 gap-y-6 sm:grid-cols-4">
        {stats.map(([label, n]) => (
          <Stat key={label} label={label} value={value(n)} />
        ))}
      </div>
    </section>
  );
}
