"use client";

import { useQuery } from "@tanstack/react-query";
import { Alert, Badge, LinkButton, Spinner } from "@/components/ui";
import type { SyncLogDescription } from "@/lib/audit/describe-sync-log-entry";
import { CompleteStepButton } from "./complete-step-button";
import { fetchPortalJson } from "./fetch-portal-json";
import { upperFirst } from "@/lib/portal/provider-guides";

type LatestRequest = {
  directory: { id: string; provider: string } | null;
  latest: { id: string; createdAt: string; method: string; status: number; description: SyncLogDescription } | null;
  anySucceeded: boolean;
};

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
  const { directory, latest, anySucceeded } = query.data;
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
            <div className="space-y-3">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={outcome === "success" ? "success" : "danger"} dot>
                  {outcome === "success" ? "Worked" : outcome === "refused" ? "Refused" : "Failed"}
                </Badge>
                <span className="text-sm text-zinc-500">
                  {`HTTP ${latest.status} · received at `}
                  <time dateTime={latest.createdAt}>{timeFormat.format(new Date(latest.createdAt))}</time>
                </span>
              </div>
              <p data-testid="latest-summary" className="text-lg font-semibold break-words text-zinc-900">
                {latest.description.summary}
              </p>
              {latest.description.advice ? (
                <Alert tone={outcome === "success" ? "info" : "danger"} title="What to fix" role={undefined}>
                  {latest.description.advice}
                </Alert>
              ) : null}
              {outcome === "success" ? (
                <p className="text-sm text-emerald-800">{upperFirst(providerName)} is connected: its requests reach your directory.</p>
              ) : null}
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
