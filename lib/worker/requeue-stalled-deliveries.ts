import { sql } from "@/lib/db/sql";
import { enqueueWebhookDeliveryBatches } from "@/lib/events/enqueue-webhook-deliveries";
import { DELIVERY_IN_FLIGHT } from "@/lib/events/delivery-in-flight";

/**
 * Queues again the deliveries whose job is overdue or lost: due for longer than `overdueMs` (their job was
 * deleted, or was locked by a worker that died, which graphile-worker only frees after 4 hours), or in flight
 * with a claim older than the lease (the worker died mid-batch: a live one renews its claims every quarter
 * lease). With `overdueMs: null` only the latter, a cheap check the dispatcher runs every quarter lease so
 * that a dead worker's deliveries go out again within seconds. They are queued in batches, as the dispatcher
 * queues first attempts, so that a dead worker's two batches go out again as fast as they first did. Re-adding
 * is harmless: a job whose delivery another job has claimed or sent sends nothing. Returns how many were queued.
 */
export async function requeueStalledDeliveries({ overdueMs, leaseMs, limit = 1000 }: { overdueMs: number | null; leaseMs: number; limit?: number }): Promise<number> {
  // One range scan of the (status, nextAttemptAt) index: a delivery in flight was due before its claim, so one
  // claimed longer than the lease ago is also due for longer than that.
  const rows = await sql.query<{ id: string; endpointId: string }>(
    `SELECT d.id, d."endpointId" FROM "WebhookDelivery" d
     WHERE d.status IN ('pending', 'retrying') AND d."nextAttemptAt" <= now() - make_interval(secs => LEAST(COALESCE($1::float8, $2::float8), $2::float8) / 1000)
       AND CASE WHEN ${DELIVERY_IN_FLIGHT}
                THEN d."lastAttemptAt" < now() - make_interval(secs => $2::float8 / 1000)
                ELSE $1::float8 IS NOT NULL AND d."nextAttemptAt" <= now() - make_interval(secs => $1::float8 / 1000) END
     ORDER BY d."nextAttemptAt" LIMIT $3`,
    [overdueMs, leaseMs, limit],
  );
  if (rows.length === 0) return 0;
  await enqueueWebhookDeliveryBatches(sql, rows);
  return rows.length;
}
