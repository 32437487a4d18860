import { ROTATE_TOKEN_PLACE } from "@/lib/audit/sync-log-vocabulary";
import { PROVIDER_GUIDES, providerGuide, upperFirst, type ProviderGuide } from "@/lib/portal/provider-guides";

/**
 * A directory's connection health, derived from its sync log. The thresholds are written in the README
 * ("Connection health") and tested in connection-health.test.ts; change all three together.
 */
export const HEALTH_STATES = ["awaiting_first_request", "healthy", "failing", "silent"] as const;
export type HealthState = (typeof HEALTH_STATES)[number];

/** As the portal, the console and the API's readers say it. */
export const HEALTH_STATE_LABELS: Record<HealthState, string> = {
  awaiting_first_request: "Awaiting first request",
  healthy: "Healthy",
  failing: "Failing",
  silent: "Silent",
};

/** A request slower than this counts as a timeout: identity providers give up on a SCIM call well before it. */
export const SCIM_TIMEOUT_MS = 30_000;
/** So many failed requests in a row, with none that worked in between, make a directory failing at once. */
export const FAILING_AFTER_FAILURES = 3;
/** Or a single failure that nothing has put right for this long (Entra may send one request per 40-minute cycle). */
export const FAILING_AFTER_MS = 15 * 60_000;
/** Or a burst of server errors or timeouts within this window, even between requests that worked. */
export const SERVER_ERROR_BURST = 5;
export const SERVER_ERROR_WINDOW_MS = 15 * 60_000;

/**
 * How long a provider can normally go without sending anything. Entra ID runs a provisioning cycle about every
 * 40 minutes whether or not anything changed, so two hours of silence means its provisioning stopped (Entra
 * quarantines a job after repeated failures). Okta, OneLogin, JumpCloud and Google Workspace push only when
 * something changes, so only a long silence is worth a word.
 */
export const SILENT_AFTER_MS: Record<string, number> = {
  entra: 2 * 3_600_000,
  okta: 7 * 86_400_000,
  google: 7 * 86_400_000,
  onelogin: 7 * 86_400_000,
  jumpcloud: 7 * 86_400_000,
  generic: 7 * 86_400_000,
};

/** What the sync log says about one directory, as loadHealthStats reads it. */
export type HealthStats = {
  provider: string;
  lastRequestAt: Date | null;
  /** The newest request that was not a failure (401, 5xx or a timeout). 409s and deprovision-only 403s work. */
  lastSuccessAt: Date | null;
  /** The first failure after lastSuccessAt, and what it was. */
  firstFailureAt: Date | null;
  /** Failures since lastSuccessAt (counted up to a cap), and the status of the newest of them. */
  failuresSinceSuccess: number;
  lastFailureStatus: number | null;
  lastFailureSlow: boolean;
  /** 5xx answers and timeouts in the last SERVER_ERROR_WINDOW_MS. */
  recentServerErrors: number;
  firstRecentServerErrorAt: Date | null;
};

export type ConnectionHealth = {
  state: HealthState;
  label: string;
  /** Since when the state holds, as far as the log tells. */
  since: Date | null;
  lastRequestAt: Date | null;
  lastSuccessAt: Date | null;
  /** What is going on, in words, naming the provider. */
  reason: string;
  /** What to do about it, in the provider's own words; null when nothing needs doing. */
  fix: string | null;
};

const timeFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" });

/** "2 Dec 2026, 17:50 UTC": a reason is read by people in any time zone, and the API sends it as text. */
export function formatHealthTime(at: Date): string {
  return timeFormat.format(at);
}

function duration(ms: number): string {
  const hours = ms / 3_600_000;
  return hours >= 48 ? `${Math.round(hours / 24)} days` : hours >= 1 ? `${Math.round(hours)} hours` : `${Math.round(ms / 60_000)} minutes`;
}

export function deriveConnectionHealth(stats: HealthStats, now: Date): ConnectionHealth {
  // A provider without a guide (a pulled directory's source, say) reads as "your identity provider".
  const guide: ProviderGuide = (PROVIDER_GUIDES as Record<string, ProviderGuide | undefined>)[stats.provider] ?? providerGuide(null);
  const Provider = upperFirst(guide.name);
  const tokenField = guide.fields.scimToken;
  const base = { lastRequestAt: stats.lastRequestAt, lastSuccessAt: stats.lastSuccessAt };
  const make = (state: HealthState, since: Date | null, reason: string, fix: string | null): ConnectionHealth => ({ state, label: HEALTH_STATE_LABELS[state], since, reason, fix, ...base });

  if (!stats.lastRequestAt) {
    return make("awaiting_first_request", null, `${Provider} has not sent a request yet.`, `Turn provisioning on in ${guide.name} with the SCIM URL and the token from the setup portal.`);
  }

  const streakFailing =
    stats.firstFailureAt !== null &&
    (stats.failuresSinceSuccess >= FAILING_AFTER_FAILURES || now.getTime() - stats.firstFailureAt.getTime() >= FAILING_AFTER_MS);
  if (streakFailing) {
    const since = stats.firstFailureAt!;
    const at = formatHealthTime(since);
    if (stats.lastFailureStatus === 401) {
      return make(
        "failing",
        since,
        `${Provider} has been sending a token that no longer works since ${at}: every request since then was refused (401).`,
        `Generate a new token (${ROTATE_TOKEN_PLACE}) and paste it in ${guide.name}'s ${tokenField} field.`,
      );
    }
    if (stats.lastFailureSlow && (stats.lastFailureStatus ?? 0) < 500) {
      return make("failing", since, `${Provider}'s requests have been taking longer than ${SCIM_TIMEOUT_MS / 1000} seconds since ${at}, so it gives up on them.`, "Nothing needs changing in the identity provider: Rollcall's operators must look at the server's load.");
    }
    return make("failing", since, `Rollcall has been answering ${Provider}'s requests with a server error since ${at}.`, "Nothing needs changing in the identity provider: Rollcall's operators must look at the server log.");
  }
  if (stats.recentServerErrors >= SERVER_ERROR_BURST) {
    const since = stats.firstRecentServerErrorAt ?? now;
    return make("failing", since, `Rollcall answered ${stats.recentServerErrors} of ${Provider}'s requests with a server error or too slowly since ${formatHealthTime(since)}.`, "Nothing needs changing in the identity provider: Rollcall's operators must look at the server log.");
  }

  const silentAfter = SILENT_AFTER_MS[stats.provider] ?? SILENT_AFTER_MS.generic!;
  if (now.getTime() - stats.lastRequestAt.getTime() > silentAfter) {
    return make(
      "silent",
      stats.lastRequestAt,
      `${Provider} has sent nothing since ${formatHealthTime(stats.lastRequestAt)}, longer than the ${duration(silentAfter)} it normally goes without a request.`,
      stats.provider === "entra"
        ? `Check in ${guide.console} that the application's Provisioning Status is On and that provisioning is not in quarantine.`
        : `Check in ${guide.console} that provisioning to this application is still switched on.`,
    );
  }
  return make("healthy", stats.lastSuccessAt, stats.lastSuccessAt ? `${Provider}'s last request that worked was at ${formatHealthTime(stats.lastSuccessAt)}.` : `${Provider} is sending requests.`, null);
}
