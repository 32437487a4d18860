import { SCIM_TIMEOUT_MS } from "@/lib/directory-health/connection-health";

/** How many of the newest requests the connection test weighs. */
export const RECENT_REQUESTS = 20;

export type RecentRequestFacts = { status: number; latencyMs: number; repeatCount: number };

export type RecentRequestsVerdict = {
  /**
   * `working`: the newest request reached the directory and at least one recent request worked; refusals such
   * as a 409 for a user who exists already are the provider's normal traffic (issue 15: one 409 after six
   * successes is not a failure). `failing`: the newest request failed as a connection (a refused token, a
   * server error, a timeout). `refused`: requests arrive, but none of the recent ones worked yet.
   * `waiting`: nothing has arrived.
   */
  verdict: "waiting" | "working" | "refused" | "failing";
  total: number;
  worked: number;
  /** Refused for what they asked (4xx other than 401): the connection itself works. */
  refused: number;
  /** Failed as a connection: 401, 5xx or a timeout, counted as the connection health counts them. */
  failed: number;
};

/** The same rule as connection health's CONNECTION_FAILURE_SQL: what says the connection, not the request, is broken. */
function isConnectionFailure(r: RecentRequestFacts): boolean {
  return r.status === 401 || r.status >= 500 || r.latencyMs >= SCIM_TIMEOUT_MS;
}

/** Judges the connection test on the newest requests, newest first, not on the last one alone. */
export function judgeRecentRequests(newestFirst: RecentRequestFacts[]): RecentRequestsVerdict {
  let worked = 0;
  let refused = 0;
  let failed = 0;
  for (const r of newestFirst) {
    const n = Math.max(1, r.repeatCount);
    if (isConnectionFailure(r)) failed += n;
    else if (r.status >= 400) refused += n;
    else worked += n;
  }
  const total = worked + refused + failed;
  const newest = newestFirst[0];
  const verdict = !newest ? "waiting" : isConnectionFailure(newest) ? "failing" : worked > 0 ? "working" : "refused";
  return { verdict, total, worked, refused, failed };
}
