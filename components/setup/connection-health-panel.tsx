"use client";

import { useQuery } from "@tanstack/react-query";
import { ConnectionHealthSummary } from "@/components/connection-health/connection-health-summary";
import type { ConnectionHealthJson } from "@/lib/directory-health/to-connection-health-json";
import { fetchPortalJson } from "./fetch-portal-json";

/**
 * The connection's health on the Done page, instead of a fixed "connected": it shares the overview's query (the
 * same key), so it moves with the counts and the sync log, every two seconds.
 */
export function ConnectionHealthPanel() {
  const query = useQuery({
    queryKey: ["portal", "overview"],
    queryFn: () => fetchPortalJson<{ health?: ConnectionHealthJson | null }>("/setup/api/overview"),
    refetchInterval: 2000,
  });
  const health = query.data?.health;
  if (!health) return null;
  return (
    <section aria-labelledby="connection-heading" className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm sm:p-6">
      <ConnectionHealthSummary health={health} headingId="connection-heading" />
    </section>
  );
}
