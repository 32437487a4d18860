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

/** May this email, from this address, try a password now? Reads only; a failure is counted by `recordFailedSignIn`. */
export async function checkSignInAllowed({ email, ip }: { email: string; ip: string | null }): Promise<SignInAllowance> {
  const { byEmail, byIp } = limitersFor(getPool());
  const [e, i] = await Promise.all([byEmail.get(emailKey(email)), byIp.get(ipKey(ip))]);
  const blocked = [
    e && e.consumedPoints >= SIGN_IN_FAILURES_PER_EMAIL ? e.msBeforeNext : 0,
    i && i.consumedPoints >= SIGN_IN_FAILURES_PER_IP ? i.msBeforeNext : 0,
  ];
  const retryAfterMs = Math.max(...blocked);
  return retryAfterMs > 0 ? { allowed: false, retryAfterMs } : { allowed: true };
}

/** Counts a failed attempt against the email and the address. */
export async function recordFailedSignIn({ email, ip }: { email: string; ip: string | null }): Promise<void> {
  const { byEmail, byIp } = limitersFor(getPool());
  await Promise.all([
    byEmail.consume(emailKey(email)).catch(swallowLimit),
    byIp.consume(ipKey(ip)).catch(swallowLimit),
  ]);
}

/** A successful sign-in clears the email's count (not the address's: another email from there may be guessing). */
export async function clearFailedSignIns({ email }: { email: string }): Promise<void> {
  await limitersFor(getPool()).byEmail.delete(emailKey(email));
}

// consume() rejects with a RateLimiterRes once the points are gone; that is the state we record, not an error.
function swallowLimit(err: unknown) {
  if (err instanceof RateLimiterRes) return;
  throw err;
}
