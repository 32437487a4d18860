import { config } from "@/lib/config";
import { sql, transaction } from "@/lib/db/sql";
import { enqueueWebhookDeliveries } from "@/lib/events/enqueue-webhook-deliveries";
import { openSecret } from "@/lib/events/secret-box";
import { SIGNATURE_HEADER, signWebhook } from "@/lib/events/sign-webhook";
import { toWebhookPayload } from "@/lib/events/to-webhook-payload";
import { newId } from "@/lib/ids";
import { retryDelayMs, type DeliveryOptions } from "./delivery-options";
import { postWebhook, type PostResult } from "./post-webhook";
import { DELIVERY_IN_FLIGHT } from "@/lib/events/delivery-in-flight";

export type DeliverOutcome = "skipped" | "succeeded" | "retrying" | "dead";

type Claimed = {
  deliveryId: string;
  attempt: number;
  endpointId: string;
  url: string;
  secretEncrypted: string;
  enabled: boolean;
  allowPrivateTargets: boolean;
  eventId: string;
  type: string;
  eventCreatedAt: Date;
  organizationId: string;
  directoryId: string | null;
  data: unknown;
};

type Attempted = { claimed: Claimed; startedAt: Date; result: PostResult };

/**
 * Requests in flight at once within one job. With DELIVERY_BATCH_SIZE deliveries to a job, a batch whose
 * endpoint times out every request still ends within three request timeouts, well inside the lease.
 */
const PARALLEL_REQUESTS = 10;

/**
 * Makes one attempt at each delivery that is due, and returns each one's outcome (ids not due: "skipped").
 * The job that calls this may be a duplicate, a stale retry or a redelivery racing another: the delivery rows
 * alone decide.
 *
 * At most one successful send: an attempt first claims its row with a conditional UPDATE (status pending or
 * retrying, due, and not in flight), as a lane becomes free to send it, several lanes' claims in one statement
 * (groupClaim). A second job finds the row in flight, or succeeded, and does nothing. While the batch runs, a
 * heartbeat renews the claim of every delivery not yet recorded, every quarter lease; an attempt whose worker
 * died is therefore reclaimed within one lease of its death (requeue-stalled-deliveries.ts), however long its
 * request may run.
 *
 * "In flight" is `lastAttemptAt >= nextAttemptAt`: the claim stamps `lastAttemptAt` and leaves `nextAttemptAt`
 * (the due time) as it was. Neither `attempts` nor `lastAttemptAt` is indexed, so with the table's spare page
 * room (fillfactor) the claim is a heap-only (HOT) update that writes no index entry; only the outcome, which
 * changes the status, touches the indexes. A delivery's rows were written three times with every index
 * before, and the worker shares the database with the SCIM writes that must stay fast.
 * At least once: the claim, the attempt and its outcome are rows, and each retry's job is queued in the same
 * transaction that records the failure. Outcomes are recorded as the requests end, not when the whole batch
 * has: each commit takes every outcome that arrived since the previous one began (a group commit), so a batch
 * to a fast endpoint still costs a few commits, and a worker that dies sends again only the requests that were
 * in flight (or whose outcome was being committed). A receiver sees those twice; `Rollcall-Event-Id` is the
 * same on every attempt, for deduplication.
 */
export async function deliverWebhooks(deliveryIds: string[], options: DeliveryOptions & { signal?: AbortSignal }): Promise<Map<string, DeliverOutcome>> {
  const outcomes = new Map<string, DeliverOutcome>(deliveryIds.map((id) => [id, "skipped"]));
  if (deliveryIds.length === 0) return outcomes;

  const unrecorded = new Map<string, number>();
  const claims = groupClaim(deliveryIds, async (ids) => {
    const claimed = await claim(ids, options.leaseMs);
    for (const c of claimed) unrecorded.set(c.deliveryId, c.attempt);
    return claimed;
  });
  const recorder = groupCommit(async (attempted: Attempted[]) => {
    for (const [id, outcome] of await recordAttempts(attempted, options)) outcomes.set(id, outcome);
    for (const a of attempted) unrecorded.delete(a.claimed.deliveryId);
  });
  const heartbeat = setInterval(() => void renewClaims(unrecorded), Math.max(options.leaseMs / 4, 50));
  try {
    const secrets = new Map<string, SecretOrFailure>();
    const lane = async () => {
      for (let one = await claims.next(); one; one = await claims.next()) {
        const startedAt = new Date();
        recorder.add({ claimed: one, startedAt, result: await send(one, secretOf(one, secrets), options) });
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_REQUESTS, deliveryIds.length) }, lane));
  } finally {
    // Whatever was sent is recorded, even when a claim failed; then the first failure fails the job.
    await recorder.drained().finally(() => clearInterval(heartbeat));
  }
  return outcomes;
}

/** Claims those of `ids` that are due and not in flight (or whose claim outlived the lease): one statement. */
function claim(ids: string[], leaseMs: number): Promise<Claimed[]> {
  return sql.query<Claimed>(
    `WITH claimed AS (
       UPDATE "WebhookDelivery" d
       SET attempts = d.attempts + 1, "lastAttemptAt" = now()
       WHERE d.id = ANY($1::text[]) AND d.status IN ('pending', 'retrying') AND d."nextAttemptAt" <= now()
         AND (NOT ${DELIVERY_IN_FLIGHT} OR d."lastAttemptAt" < now() - make_interval(secs => $2::float8 / 1000))
       RETURNING d.id, d.attempts, d."endpointId", d."eventId"
     )
     SELECT c.id AS "deliveryId", c.attempts AS attempt, w.id AS "endpointId", w.url, w."secretEncrypted", w.enabled, w."allowPrivateTargets",
            e.id AS "eventId", e.type, e."createdAt" AS "eventCreatedAt", e."organizationId", e."directoryId", e.data
     FROM claimed c
     JOIN "WebhookEndpoint" w ON w.id = c."endpointId"
     JOIN "Event" e ON e.id = c."eventId"`,
    [ids, leaseMs],
  );
}

/**
 * Hands out deliveries to the lanes, claiming them only as lanes become free: one statement for as many ids as
 * lanes are waiting at that moment (all of them at the start; several at once when a fast endpoint answers a
 * wave together). So only requests about to be sent are ever claimed, and a worker that dies leaves the rest
 * of its batch unclaimed, due, and sent again by the next sweep at once rather than after the lease.
 */
function groupClaim(ids: string[], claimIds: (ids: string[]) => Promise<Claimed[]>) {
  const unclaimed = [...ids];
  const ready: Claimed[] = [];
  const waiting: { resolve: (c: Claimed | undefined) => void; reject: (err: unknown) => void }[] = [];
  let pumping = false;
  let failure: { err: unknown } | undefined;
  const pump = async () => {
    pumping = true;
    await null; // let every lane that starts in this tick ask first, so the first claim serves them all
    try {
      while (waiting.length > 0) {
        if (ready.length > 0) waiting.shift()!.resolve(ready.shift());
        else if (unclaimed.length === 0) waiting.shift()!.resolve(undefined);
        else ready.push(...(await claimIds(unclaimed.splice(0, waiting.length))));
      }
    } catch (err) {
      failure = { err };
      for (const w of waiting.splice(0)) w.reject(err);
    } finally {
      pumping = false;
    }
  };
  return {
    next(): Promise<Claimed | undefined> {
      if (failure) return Promise.reject(failure.err);
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        if (!pumping) void pump();
      });
    },
  };
}

/**
 * Renews the claim (`lastAttemptAt`) of deliveries whose request is still running, as long as the claim is ours
 * (same attempt number, still in flight). Not indexed, so a heap-only update. A failure is left alone: the
 * database is down, and the claim lapses after the lease like a dead worker's.
 */
async function renewClaims(unrecorded: Map<string, number>): Promise<void> {
  if (unrecorded.size === 0) return;
  await sql
    .execute(
      `UPDATE "WebhookDelivery" d SET "lastAttemptAt" = now()
       FROM unnest($1::text[], $2::int[]) AS h(id, attempt)
       WHERE d.id = h.id AND d.attempts = h.attempt AND d.status IN ('pending', 'retrying') AND ${DELIVERY_IN_FLIGHT}`,
      [[...unrecorded.keys()], [...unrecorded.values()]],
    )
    .catch(() => {});
}

/**
 * Calls `commit` with every item added since its previous call began, one call at a time. `drained()` waits
 * for all of them, and rejects with the first failure (the unrecorded deliveries stay claimed until the lease
 * runs out, then are sent again).
 */
function groupCommit<T>(commit: (items: T[]) => Promise<void>) {
  let pending: T[] = [];
  let running: Promise<void> | undefined;
  let failure: unknown;
  const run = async () => {
    while (pending.length > 0) {
      const items = pending;
      pending = [];
      await commit(items).catch((err: unknown) => (failure ??= err));
    }
    running = undefined;
  };
  return {
    add(item: T) {
      pending.push(item);
      running ??= run();
    },
    async drained() {
      await running;
      if (failure !== undefined) throw failure;
    },
  };
}

type SecretOrFailure = { secret: string } | { failure: string };

/** The endpoint's signing secret, decrypted once per batch and endpoint. */
function secretOf(claimed: Claimed, cache: Map<string, SecretOrFailure>): SecretOrFailure {
  let entry = cache.get(claimed.endpointId);
  if (!entry) {
    try {
      entry = { secret: openSecret(claimed.secretEncrypted, claimed.endpointId) };
    } catch (err) {
      entry = { failure: err instanceof Error ? err.message : String(err) };
    }
    cache.set(claimed.endpointId, entry);
  }
  return entry;
}

async function send(claimed: Claimed, key: SecretOrFailure, options: DeliveryOptions & { signal?: AbortSignal }): Promise<PostResult> {
  // Disabled after the delivery was made: nothing is sent, and the retries run out as for a dead endpoint.
  if (!claimed.enabled) return { statusCode: null, error: "endpoint is disabled", responseExcerpt: null, latencyMs: 0 };
  // A secret that does not decrypt is recorded like a failed request, so that the operator sees it on the
  // delivery and it ends as dead instead of a job that throws forever.
  if ("failure" in key) return { statusCode: null, error: key.failure, responseExcerpt: null, latencyMs: 0 };
  const { secret } = key;
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
    // Checked again here, on the address connected to, not only at registration: DNS may have changed since.
    publicOnly: !claimed.allowPrivateTargets || config().webhookPrivateTargets === "none",
  });
}

const isSuccess = (r: PostResult) => r.statusCode !== null && r.statusCode >= 200 && r.statusCode < 300;

/** Records a batch's attempts and outcomes in one transaction: one statement per kind, whatever the batch size. */
async function recordAttempts(attempted: Attempted[], options: DeliveryOptions): Promise<Map<string, DeliverOutcome>> {
  const outcomes = new Map<string, DeliverOutcome>();
  const succeeded = attempted.filter((a) => isSuccess(a.result));
  const failed = attempted.filter((a) => !isSuccess(a.result));
  return transaction(async (tx) => {
    await tx.execute(
      `INSERT INTO "WebhookAttempt" (id, "deliveryId", attempt, "startedAt", "latencyMs", "statusCode", error, "responseExcerpt")
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[], $5::int[], $6::int[], $7::text[], $8::text[])`,
      [
        attempted.map(() => newId("dlv")),
        attempted.map((a) => a.claimed.deliveryId),
        attempted.map((a) => a.claimed.attempt),
        attempted.map((a) => a.startedAt),
        attempted.map((a) => a.result.latencyMs),
        attempted.map((a) => a.result.statusCode),
        attempted.map((a) => a.result.error),
        attempted.map((a) => a.result.responseExcerpt),
      ],
    );
    if (succeeded.length > 0) {
      // Success wins even over a later claim of the same delivery: the event did arrive.
      const ids = succeeded.map((a) => a.claimed.deliveryId);
      await tx.execute(`UPDATE "WebhookDelivery" SET status = 'succeeded', "nextAttemptAt" = NULL WHERE id = ANY($1::text[]) AND status IN ('pending', 'retrying')`, [ids]);
      for (const id of ids) outcomes.set(id, "succeeded");
    }
    if (failed.length > 0) {
      // A failure is acted on only by the latest claim (attempts = ours, still in flight): a stale attempt must
      // not schedule a second retry beside the one a newer attempt scheduled.
      const rows = await tx.query<{ id: string; status: "retrying" | "dead"; nextAttemptAt: Date | null }>(
        `WITH f AS (
           SELECT f.id, f.attempt, now() + make_interval(secs => f.delay_ms / 1000) AS at
           FROM unnest($1::text[], $2::int[], $3::float8[]) AS f(id, attempt, delay_ms)
         )
         UPDATE "WebhookDelivery" d
         SET status = CASE WHEN f.at > d."createdAt" + make_interval(secs => $4::float8 / 1000) THEN 'dead' ELSE 'retrying' END::"WebhookDeliveryStatus",
             "nextAttemptAt" = CASE WHEN f.at > d."createdAt" + make_interval(secs => $4::float8 / 1000) THEN NULL ELSE f.at END
         FROM f
         WHERE d.id = f.id AND d.attempts = f.attempt AND d.status IN ('pending', 'retrying') AND ${DELIVERY_IN_FLIGHT}
         RETURNING d.id, d.status::text AS status, d."nextAttemptAt"`,
        [failed.map((a) => a.claimed.deliveryId), failed.map((a) => a.claimed.attempt), failed.map((a) => retryDelayMs(a.claimed.attempt, options)), options.deliveryWindowMs],
      );
      const retrying = rows.filter((r) => r.status === "retrying");
      await enqueueWebhookDeliveries(tx, retrying.map((r) => r.id), retrying.map((r) => r.nextAttemptAt));
      for (const row of rows) outcomes.set(row.id, row.status);
    }
    return outcomes;
  });
}
