import type { Sql } from "@/lib/db/sql";

/** graphile-worker's schema and the task that sends one delivery (lib/worker/deliver-webhook.ts). */
export const QUEUE_SCHEMA = "graphile_worker";
export const DELIVER_WEBHOOK_TASK = "deliver-webhook";

/**
 * One job key per delivery: adding the job again (a redelivery, the stalled-delivery sweep) replaces the
 * queued job instead of queueing a second one. The delivery row's status decides whether a job sends at all,
 * so a duplicate that slips through (its twin already running) still cannot send twice.
 */
export function deliveryJobKey(deliveryId: string): string {
  return `rollcall:deliver:${deliveryId}`;
}

/** False until a worker has started once on this database and installed graphile-worker's schema. */
export async function isQueueInstalled(tx: Sql): Promise<boolean> {
  const [row] = await tx.query<{ installed: boolean }>(`SELECT to_regprocedure($1) IS NOT NULL AS installed`, [
    `${QUEUE_SCHEMA}.add_job(text, json, text, timestamptz, integer, text, integer, text[], text)`,
  ]);
  return row!.installed;
}

/** New deliveries go out up to this many to a job: one queue row, one claim and one bookkeeping commit per batch. */
export const DELIVERY_BATCH_SIZE = 25;

/**
 * Queues first attempts in the caller's transaction, at most DELIVERY_BATCH_SIZE deliveries to a job and one
 * endpoint per job. Per-delivery jobs made the queue's own rows and locks cost the database as much as the SCIM
 * write that caused the event; batches amortise them. One endpoint per batch keeps a slow endpoint's requests
 * out of other endpoints' batches. No job key: each dispatch creates each delivery once, and a duplicate job
 * finds its deliveries already claimed.
 */
export async function enqueueWebhookDeliveryBatches(tx: Sql, deliveries: { id: string; endpointId: string }[]): Promise<void> {
  // Not Map.groupBy: Node 20 lacks it.
  const byEndpoint = new Map<string, { id: string }[]>();
  for (const d of deliveries) {
    const group = byEndpoint.get(d.endpointId);
    if (group) group.push(d);
    else byEndpoint.set(d.endpointId, [d]);
  }
  const batches: string[] = [];
  for (const group of byEndpoint.values()) {
    for (let i = 0; i < group.length; i += DELIVERY_BATCH_SIZE) {
      batches.push(JSON.stringify({ deliveryIds: group.slice(i, i + DELIVERY_BATCH_SIZE).map((d) => d.id) }));
    }
  }
  if (batches.length === 0) return;
  await tx.query(`SELECT ${QUEUE_SCHEMA}.add_job($1, b.payload::json, max_attempts => 10) FROM unnest($2::text[]) AS b(payload)`, [DELIVER_WEBHOOK_TASK, batches]);
}

/**
 * Queues a delivery job for each id, in the caller's transaction: the job exists if and only if the change
 * that called for it committed. `runAt` null (for all, or for one id) means now, by the database's clock, which the queue uses too.
 */
export async function enqueueWebhookDeliveries(tx: Sql, deliveryIds: string[], runAt: Date | null | (Date | null)[] = null): Promise<void> {
  if (deliveryIds.length === 0) return;
  const runAts = Array.isArray(runAt) ? runAt : deliveryIds.map(() => runAt);
  await tx.query(
    // max_attempts bounds the queue's own retries, which only happen when a job fails to reach the database;
    // retries of the endpoint itself are scheduled by the task, on the delivery row.
    `SELECT ${QUEUE_SCHEMA}.add_job($1, json_build_object('deliveryId', d.id), run_at => d.run_at, job_key => d.key, max_attempts => 10)
     FROM unnest($2::text[], $3::text[], $4::timestamptz[]) AS d(id, key, run_at)`,
    [DELIVER_WEBHOOK_TASK, deliveryIds, deliveryIds.map(deliveryJobKey), runAts],
  );
}
