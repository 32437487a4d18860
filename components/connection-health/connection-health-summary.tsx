import { Alert } from "@/components/ui";
import type { ConnectionHealthJson } from "@/lib/directory-health/to-connection-health-json";
import { ConnectionHealthBadge } from "./connection-health-badge";

// UTC, spelled out: the portal, the console and the API say the same time to readers in any time zone, and the
// server's and the browser's renderings agree.
const timeFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC", hour12: false });

export function formatHealthTimestamp(iso: string | null): string {
  return iso ? `${timeFormat.format(new Date(iso))} UTC` : "never";
}

/**
 * The connection's state with the reason and the fix in words, and the last request that worked. Shared by the
 * portal's Done page and the console's directory page; plain props, so it renders on the server or the client.
 */
export function ConnectionHealthSummary({ health, headingId }: { health: ConnectionHealthJson; headingId?: string }) {
  const tone = health.state === "failing" ? "danger" : health.state === "silent" ? "warning" : health.state === "healthy" ? "success" : "info";
  return (
    <div className="space-y-3" data-testid="connection-health">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="text-sm font-semibold text-zinc-900">
          Connection
        </h3>
        <ConnectionHealthBadge state={health.state} label={health.label} />
      </div>
      <Alert tone={tone}>
        <p data-testid="connection-health-reason">{health.reason}</p>
        {health.fix ? <p className="mt-1 font-medium" data-testid="connection-health-fix">{health.fix}</p> : null}
      </Alert>
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
        <div className="min-w-0">
          <dt className="text-zinc-500">Last request that worked</dt>
          <dd className="text-zinc-900" data-testid="connection-last-success">{formatHealthTimestamp(health.last_successful_request_at)}</dd>
        </div>
        <div className="min-w-0">
          <dt className="text-zinc-500">Last request of any kind</dt>
          <dd className="text-zinc-900">{formatHealthTimestamp(health.last_request_at)}</dd>
        </div>
      </dl>
    </div>
  );
}
