"use client";

import { useQuery } from "@tanstack/react-query";
import { Alert, Badge, LinkButton, Spinner } from "@/components/ui";
import type { SyncLogDescription } from "@/lib/audit/describe-sync-log-entry";
import type { RecentRequestsVerdict } from "@/lib/portal/judge-recent-requests";
import { CompleteStepButton } from "./complete-step-button";
import { fetchPortalJson } from "./fetch-portal-json";
import { upperFirst } from "@/lib/portal/provider-guides";

type LatestRequest = {
  directory: { id: string; provider: string } | null;
  latest: { id: string; createdAt: string; method: string; status: number; description: SyncLogDescription } | null;
  recent: RecentRequestsVerdict;
  anySucceeded: boolean;
};

const VERDICT_BADGES: Record<Exclude<RecentRequestsVerdict["verdict"], "waiting">, { tone: "success" | "warning" | "danger"; label: string }> = {
  working: { tone: "success", label: "Working" },
  refused: { tone: "warning", label: "Nothing has worked yet" },
  failing: { tone: "danger", label: "Not working" },
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The verdict in words, naming the provider; refusals of single requests are said not to stop the connection. */
function verdictText(providerName: string, r: RecentRequestsVerdict): string {
  const name = upperFirst(providerName);
  const ofLast = `${r.worked} of the last ${plural(r.total, "request", "requests")} worked`;
  if (r.verdict === "working") {
    const others = [
      r.refused > 0 ? `${plural(r.refused, "was", "were")} refused for what ${r.refused === 1 ? "it" : "they"} asked, which does not stop the connection` : "",
      r.failed > 0 ? `${plural(r.failed, "failed", "failed")} and ${providerName} retries ${r.failed === 1 ? "it" : "them"}` : "",
    ].filter(Boolean);
    return `${name} is connected: its requests reach your directory. ${ofLast}${others.length ? `; ${others.join("; ")}` : ""}.`;
  }
  if (r.verdict === "refused") return `${name} reaches your directory, but none of its last ${plural(r.total, "request", "requests")} worked yet. See what to fix below.`;
  return `${name}'s latest request failed, so the connection does not work now (${ofLast}). See what to fix below.`;
}

const timeFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** Waits, live, for the identity provider's requests and says in words what arrived and what to fix. */
export function ConnectionTest({ providerName, testHint }: { providerName: string; testHint: string }) {
  const query = useQuery({
    queryKey: ["portal", "latest-request"],
    queryFn: () => fetchPortalJson<LatestRequest>("/setup/api/latest-request"),
    refetchInterval: 1000,
  });

  if (query.isPending) return <Spinner label="Loading" />;
  if (query.isError) return <Alert tone="danger">{query.error.message}</Alert>;
  const { directory, latest, recent, anySucceeded } = query.data;
  if (!directory) {
    return (
      <Alert tone="info" title="Directory sync is not set up yet" actions={<LinkButton href="/setup/directory-sync" size="sm">Set up directory sync</LinkButton>}>
        There is nothing to test until {providerName} has a SCIM URL and token.
      </Alert>
    );
  }
  const outcome = latest?.description.outcome;
  return (
    <div className="space-y-6">
      <section aria-labelledby="test-status" className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm sm:p-6">
        <h2 id="test-status" className="sr-only">
          Connection status
        </h2>
        <div role="status" aria-live="polite" aria-atomic="true">
          {!latest ? (
            <div className="flex items-start gap-4">
              <span className="relative mt-1 flex size-3 shrink-0" aria-hidden="true">
                <span className="absolute inline-flex size-full animate-ping rounded-full bg-brand-400 opacity-75 motion-reduce:animate-none" />
                <span className="relative inline-flex size-3 rounded-full bg-brand-600" />
              </span>
              <div>
                <p className="font-semibold text-zinc-900">Waiting for the first request from {providerName}…</p>
                <p className="mt-1 text-sm text-zinc-600">{testHint} It appears here within a second or two.</p>
              </div>
            </div>
          ) : (
            <div className="space-y-4">
              <div className="space-y-2">
                <Badge tone={VERDICT_BADGES[recent.verdict === "waiting" ? "refused" : recent.verdict].tone} dot>
                  {VERDICT_BADGES[recent.verdict === "waiting" ? "refused" : recent.verdict].label}
                </Badge>
                <p data-testid="connection-verdict" className="text-lg font-semibold text-zinc-900">
                  {verdictText(providerName, recent)}
                </p>
              </div>
              <div className="space-y-3 border-t border-zinc-100 pt-4">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="text-sm font-medium text-zinc-700">Latest request</span>
                  <Badge tone={outcome === "success" ? "success" : outcome === "refused" && recent.verdict === "working" ? "warning" : "danger"}>
                    {outcome === "success" ? "Worked" : outcome === "refused" ? "Refused" : "Failed"}
                  </Badge>
                  <span className="text-sm text-zinc-500">
                    {`HTTP ${latest.status} · received at `}
                    <time dateTime={latest.createdAt}>{timeFormat.format(new Date(latest.createdAt))}</time>
                  </span>
                </div>
                <p data-testid="latest-summary" className="break-words text-zinc-900">
                  {latest.description.summary}
                </p>
                {latest.description.advice ? (
                  <Alert tone={outcome === "success" || recent.verdict === "working" ? "info" : "danger"} title={recent.verdict === "working" ? "About this request" : "What to fix"} role={undefined}>
                    {latest.description.advice}
                  </Alert>
                ) : null}
              </div>
            </div>
          )}
        </div>
      </section>
      <div className="flex flex-wrap items-center gap-3">
        <CompleteStepButton step="test" disabled={!anySucceeded}>
          Continue
        </CompleteStepButton>
        {!anySucceeded ? <p className="text-sm text-zinc-500">Continue appears when a request from {providerName} has worked.</p> : null}
      </div>
    </div>
  );
}
