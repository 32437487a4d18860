import { sql, transaction } from "@/lib/db/sql";
import { enqueueWebhookDeliveries } from "@/lib/events/enqueue-webhook-deliveries";
import { openSecret } from "@/lib/events/secret-box";
import { SIGNATURE_HEADER, signWebhook } from "@/lib/events/sign-webhook";
import { toWebhookPayload } from "@/lib/events/to-webhook-payload";
import { newId } from "@/lib/ids";
import { retryDelayMs, type DeliveryOptions } from "./delivery-options";
import { postWebhook, type PostResult } from "./post-webhook";

export type DeliverOutcome = "skipped" | "succeeded" | "retrying" | "dead";

type Claimed = {
  attempt: number;
  endpointId: string;
  url: string;
  secretEncrypted: string;
  enabled: boolean;
  eventId: string;
  type: string;
  eventCreatedAt: Date;
  organizationId: string;
  directoryId: string | null;
  data: unknown;
};

/**
 * Makes one attempt at a delivery, if it is due; the job that calls this may be a duplicate, a stale retry
 * or a redelivery racing another, and the delivery row alone decides.
 *
 * At most one successful send: an attempt first claims the row with a conditional UPDATE (status pending or
 * retrying, and due), which also clears `nextAttemptAt` to mark it in flight. A second job finds it in
 * flight, or succeeded, and does nothing. An attempt whose worker died is reclaimed after the lease.
 * At least once: the claim, the attempt and its outcome are rows, and the retry's job is queued in the same
 * transaction that records the failure. A receiver still sees a duplicate if a worker dies between its 2xx
 * and the commit of the outcome; `Rollcall-Event-Id` is the same on every attempt, for deduplication.
 */
export async function deliverWebhook(deliveryId: string, options: DeliveryOptions & { signal?: AbortSignal }): Promise<DeliverOutcome> {
  const [claimed] = await sql.query<Claimed>(
    `WITH claimed AS (
       UPDATE "WebhookDelivery" d
       SET attempts = d.attempts + 1, "lastAttemptAt" = now(), "nextAttemptAt" = NULL
       WHERE d.id = $1 AND d.status IN ('pending', 'retrying')
         AND (d."nextAttemptAt" <= now()
              OR (d."nextAttemptAt" IS NULL AND (d."lastAttemptAt" IS NULL OR d."lastAttemptAt" < now() - make_interval(secs => $2::float8 / 1000))))
       RETURNING d.attempts, d."endpointId", d."eventId"
     )
     SELECT c.attempts AS attempt, w.id AS "endpointId", w.url, w."secretEncrypted", w.enabled,
            e.id AS "eventId", e.type, e."createdAt" AS "eventCreatedAt", e."organizationId", e."directoryId", e.data
     FROM claimed c
     JOIN "WebhookEndpoint" w ON w.id = c."endpointId"
     JOIN "Event" e ON e.id = c."eventId"`,
    [deliveryId, options.leaseMs],
  );
  if (!claimed) return "skipped";

  const startedAt = new Date();
  const result = await send(claimed, options);
  return recordAttempt(deliveryId, claimed.attempt, startedAt, result, options);
}

async function send(claimed: Claimed, options: DeliveryOptions & { signal?: AbortSignal }): Promise<PostResult> {
  // Disabled after the delivery was made: nothing is sent, and the retries run out as for a dead endpoint.
  if (!claimed.enabled) return { statusCode: null, error: "endpoint is disabled", responseExcerpt: null, latencyMs: 0 };
  let secret: string;
  try {
    secret = openSecret(claimed.secretEncrypted, claimed.endpointId);
  } catch (err) {
    // Recorded like a failed request, so that the operator sees it on the delivery and it ends as dead
    // instead of a job that throws forever.
    return { statusCode: null, error: err instanceof Error ? err.message : String(err), responseExcerpt: null, latencyMs: 0 };
  }
  const body = JSON.stringify(
    toWebhookPayload({
      id: claimed.eventId,
      type: claimed.type,
      createdAt: claimed.eventCreatedAt,
      organizationId: claimed.organizationId,
      directoryId: claimed.directoryId,
      data: claimed.data,
    }),
  );
  return postWebhook({
    url: claimed.url,
    body,
    headers: {
      "Content-Type": "application/json",
      "User-Agent": "Rollcall-Webhooks/1",
      [SIGNATURE_HEADER]: signWebhook(secret, body, Math.floor(Date.now() / 1000)),
      "Rollcall-Event-Id": claimed.eventId,
      "Rollcall-Event-Type": claimed.type,
    },
    timeoutMs: options.requestTimeoutMs,
    signal: options.signal,
  });
}
async function recordAttempt(deliveryId: string, attempt: number, startedAt: Date, result: PostResult, options: DeliveryOptions): Promise<DeliverOutcome> {
  const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  return transaction(async (tx) => {
    await tx.execute(
      `INSERT INTO "WebhookAttempt" (id, "deliveryId", attempt, "startedAt", "latencyMs", "statusCode", error, "responseExcerpt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [newId("dlv"), deliveryId, attempt, startedAt, result.latencyMs, result.statusCode, result.error, result.responseExcerpt],
    );
    if (ok) {
      // Success wins even over a later claim of the same delivery: the event did arrive.
      await tx.execute(`UPDATE "WebhookDelivery" SET status = 'succeeded', "nextAttemptAt" = NULL WHERE id = $1 AND status IN ('pending', 'retrying')`, [
        deliveryId,
      ]);
      return "succeeded";
    }
    // A failure is acted on only by the latest claim (attempts = ours, still in flight): a stale attempt must
    // not schedule a second retry beside the one a newer attempt scheduled.
    const [row] = await tx.query<{ status: "retrying" | "dead"; nextAttemptAt: Date | null }>(
      `WITH next AS (SELECT now() + make_interval(secs => $3::float8 / 1000) AS at)
       UPDATE "WebhookDelivery" d
       SET status = CASE WHEN next.at > d."createdAt" + make_interval(secs => $4::float8 / 1000) THEN 'dead' ELSE 'retrying' END::"WebhookDeliveryStatus",
           "nextAttemptAt" = CASE WHEN next.at > d."createdAt" + make_interval(secs => $4::float8 / 1000) THEN NULL ELSE next.at END
       FROM next
       WHERE d.id = $1 AND d.attempts = $2 AND d.status IN ('pending', 'retrying') AND d."nextAttemptAt" IS NULL
       RETURNING d.status::text AS status, d."nextAttemptAt"`,
      [deliveryId, attempt, retryDelayMs(attempt, options), options.deliveryWindowMs],
    );
    if (!row) return "skipped";
    if (row.status === "retrying") await enqueueWebhookDeliveries(tx, [deliveryId], row.nextAttemptAt);
    return row.status;
  });
}
