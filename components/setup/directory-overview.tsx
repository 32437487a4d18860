"use client";

import { useQuery } from "@tanstack/react-query";
import { ConnectionHealthBadge } from "@/components/connection-health/connection-health-badge";
import { Alert, Stat } from "@/components/ui";
import type { ConnectionHealthJson } from "@/lib/directory-health/to-connection-health-json";
import { fetchPortalJson } from "./fetch-portal-json";

type Overview = {
  directory: { id: string; provider: string; syncMode: "FULL" | "DEPROVISION_ONLY"; status: "PENDING" | "ACTIVE" | "DISABLED" } | null;
  counts?: { users: number; activeUsers: number; inactiveUsers: number; groups: number };
  health?: ConnectionHealthJson | null;
};

/** The directory's counts, refreshed every two seconds so that they move with the sync log below. */
export function DirectoryOverview() {
  const query = useQuery({ queryKey: ["portal", "overview"], queryFn: () => fetchPortalJson<Overview>("/setup/api/overview"), refetchInterval: 2000 });
  if (query.isError) return <Alert tone="danger">{query.error.message}</Alert>;
  const counts = query.data?.counts;
  const health = query.data?.health;
  const value = (n: number | undefined) => (n === undefined ? "–" : n);
  return (
    <section aria-labelledby="overview-heading" className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm sm:p-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="overview-heading" className="text-base font-semibold text-zinc-900">
          Directory
        </h2>
        {/* The connection's health, derived from its requests, rather than a fixed "Live" once it has called. */}
        {health ? <ConnectionHealthBadge state={health.state} label={health.label} /> : null}
      </div>
      <div data-testid="overview-counts" className="mt-5 grid grid-cols-2 gap-x-4 gap-y-6 sm:grid-cols-4">
        <Stat label="Users" value={value(counts?.users)} />
        <Stat label="Active" value={value(counts?.activeUsers)} />
        <Stat label="Inactive" value={value(counts?.inactiveUsers)} />
        <Stat label="Groups" value={value(counts?.groups)} />
      </div>
    </section>
  );
}
