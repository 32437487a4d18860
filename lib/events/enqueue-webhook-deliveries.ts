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

/**
 * Queues a delivery job for each id, in the caller's transaction: the job exists if and only if the change
 * that called for it committed. `runAt` null means now (by the database's clock, which the queue uses too).
 */
export async function enqueueWebhookDeliveries(tx: Sql, deliveryIds: string[], runAt: Date | null = null): Promise<void> {
  if (deliveryIds.length === 0) return;
  await tx.query(
    // max_attempts bounds the queue's own retries, which only happen when a job fails to reach the database;
    // retries of the endpoint itself are scheduled by the task, on the delivery row.
    `SELECT ${QUEUE_SCHEMA}.add_job($1, json_build_object('deliveryId', d.id), run_at => $2::timestamptz, job_key => d.key, max_attempts => 10)
     FROM unnest($3::text[], $4::text[]) AS d(id, key)`,
    [DELIVER_WEBHOOK_TASK, runAt, deliveryIds, deliveryIds.map(deliveryJobKey)],
  );
}
