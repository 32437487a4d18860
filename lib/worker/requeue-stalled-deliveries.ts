import { sql, transaction } from "@/lib/db/sql";
import { enqueueWebhookDeliveries } from "@/lib/events/enqueue-webhook-deliveries";
import { DELIVERY_IN_FLIGHT } from "@/lib/events/delivery-in-flight";

/**
 * Queues again the deliveries whose job is overdue or lost: due for longer than `overdueMs` (their job was
 * deleted, or was locked by a worker that died, which graphile-worker only frees after 4 hours), or in flight
 * for longer than the lease (the worker died mid-request). Re-adding is harmless: the job key replaces a job
 * still queued, and the delivery's status decides whether anything is sent. Returns how many were queued.
 */
export async function requeueStalledDeliveries({ overdueMs, leaseMs, limit = 1000 }: { overdueMs: number; leaseMs: number; limit?: number }): Promise<number> {
  // One range scan of the (status, nextAttemptAt) index: a delivery in flight was due before its claim, so one
  // claimed longer than the lease ago is also due for longer than that.
  const rows = await sql.query<{ id: string }>(
    `SELECT d.id FROM "WebhookDelivery" d
     WHERE d.status IN ('pending', 'retrying') AND d."nextAttemptAt" <= now() - make_interval(secs => LEAST($1::float8, $2::float8) / 1000)
       AND CASE WHEN ${DELIVERY_IN_FLIGHT}
                THEN d."lastAttemptAt" < now() - make_interval(secs => $2::float8 / 1000)
                ELSE d."nextAttemptAt" <= now() - make_interval(secs => $1::float8 / 1000) END
     ORDER BY d."nextAttemptAt" LIMIT $3`,
    [overdueMs, leaseMs, limit],
  );
  if (rows.length === 0) return 0;
  await transaction((tx) => enqueueWebhookDeliveries(tx, rows.map((r) => r.id)));
  return rows.length;
}
