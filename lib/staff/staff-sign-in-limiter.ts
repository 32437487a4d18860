import { createHash } from "node:crypto";
import type pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { getPool } from "@/lib/db/client";

/** Failed sign-ins allowed per staff email in the window, then that email is locked for the rest of it. */
export const SIGN_IN_FAILURES_PER_EMAIL = 5;
/** Failed sign-ins allowed per client address in the window: one office may hold several staff. */
export const SIGN_IN_FAILURES_PER_IP = 20;
const WINDOW_SECONDS = 15 * 60;

type Limiters = { byEmail: RateLimiterPostgres; byIp: RateLimiterPostgres };
// One pair per pool: the rows live in Postgres (table rate_limits), so every instance behind the load
// balancer counts the same attempts.
const limiters = new WeakMap<pg.Pool, Limiters>();

function limitersFor(pool: pg.Pool): Limiters {
  let pair = limiters.get(pool);
  if (!pair) {
    const common = { storeClient: pool, storeType: "pool", tableName: "rate_limits", tableCreated: true, duration: WINDOW_SECONDS, blockDuration: WINDOW_SECONDS };
    pair = {
      byEmail: new RateLimiterPostgres({ ...common, keyPrefix: "staff-signin-email", points: SIGN_IN_FAILURES_PER_EMAIL }),
      byIp: new RateLimiterPostgres({ ...common, keyPrefix: "staff-signin-ip", points: SIGN_IN_FAILURES_PER_IP }),
    };
    limiters.set(pool, pair);
  }
  return pair;
}

// The key column is varchar(255) and an email may be 320 characters; a digest also keeps addresses out of the table.
const emailKey = (email: string) => createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
const ipKey = (ip: string | null) => ip || "unknown";

export type SignInAllowance = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Takes one attempt for this email and this address before the password is checked, and answers whether it
 * may go ahead. Counting first, in one atomic upsert per key, is what bounds the password checks: when the
 * check and the count were separate, 50 parallel wrong passwords all read "allowed" and all reached argon2
 * (issue 12, item 9). A successful sign-in gives its attempt back (`settleSuccessfulSignIn`).
 */
export async function takeSignInAttempt({ email, ip }: { email: string; ip: string | null }): Promise<SignInAllowance> {
  const { byEmail, byIp } = limitersFor(getPool());
  const results = await Promise.all([byEmail.consume(emailKey(email)).catch(limitReached), byIp.consume(ipKey(ip)).catch(limitReached)]);
  const retryAfterMs = Math.max(0, ...results.filter((r): r is { limited: number } => "limited" in r).map((r) => r.limited));
  return results.some((r) => "limited" in r) ? { allowed: false, retryAfterMs: Math.max(retryAfterMs, 1000) } : { allowed: true };
}

/**
 * A successful sign-in clears the email's count, and gives back the address's attempt (not the address's
 * earlier failures: another email from there may be guessing).
 */
export async function settleSuccessfulSignIn({ email, ip }: { email: string; ip: string | null }): Promise<void> {
  const { byEmail, byIp } = limitersFor(getPool());
  await Promise.all([byEmail.delete(emailKey(email)), byIp.reward(ipKey(ip), 1)]);
}

// consume() rejects with a RateLimiterRes once the points are gone: the attempt is refused, not an error.
function limitReached(err: unknown): { limited: number } {
  if (err instanceof RateLimiterRes) return { limited: err.msBeforeNext };
  throw err;
}
