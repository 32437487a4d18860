/** How the worker sends webhooks. Tests shorten every duration; production uses the defaults. */
export type DeliveryOptions = {
  /** First retry delay; each later one doubles it. */
  retryBaseMs: number;
  /** The longest delay between two attempts. */
  retryMaxMs: number;
  /** Retries go on until this long after the delivery was created; then the delivery is dead. */
  deliveryWindowMs: number;
  /** Per-request timeout, connection to last byte read. */
  requestTimeoutMs: number;
  /**
   * How long a claim lasts without renewal. The worker renews the claims of its requests in flight every
   * quarter lease, so a claim older than this means its worker died, and the delivery may be sent again
   * (issue 12: within 15 s of a crash). It may be shorter than the request timeout, but must leave the renewal
   * room for a slow database: several quarter leases.
   */
  leaseMs: number;
};

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = {
  retryBaseMs: 10_000,
  retryMaxMs: 60 * 60 * 1000,
  deliveryWindowMs: 24 * 60 * 60 * 1000,
  requestTimeoutMs: 10_000,
  leaseMs: 4_000,
};

/** Delay before the attempt after attempt `n` (1-based): base × 2^(n-1), capped. */
export function retryDelayMs(attempt: number, options: Pick<DeliveryOptions, "retryBaseMs" | "retryMaxMs">): number {
  return Math.min(options.retryMaxMs, options.retryBaseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 40));
}
