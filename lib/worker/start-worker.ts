import { Logger, makeWorkerUtils, parseCronItems, run, type Runner, type RunnerOptions, type Task } from "graphile-worker";
import { z } from "zod";
import { QUEUE_DUE_GOOGLE_SYNCS_TASK } from "@/lib/directory-pull/google/queue-google-syncs";
import { DELIVER_WEBHOOK_TASK } from "@/lib/events/enqueue-webhook-deliveries";
import { googleSyncTasks } from "./google-sync-tasks";
import type { EventPosition } from "@/lib/events/event-cursor";
import { deliverWebhooks } from "./deliver-webhooks";
import { DEFAULT_DELIVERY_OPTIONS, type DeliveryOptions } from "./delivery-options";
import { dispatchEvents } from "./dispatch-events";
import { listenForEvents } from "./listen-for-events";
import { requeueStalledDeliveries } from "./requeue-stalled-deliveries";

export type StartWorkerOptions = Partial<DeliveryOptions> & {
  databaseUrl: string;
  /** Webhook requests in flight at once in this process. */
  concurrency?: number;
  /** How often new events are looked for when no notification woke the dispatcher (the fallback poll). */
  dispatchIntervalMs?: number;
  /** How often the queue looks for jobs that have become due (retries); new jobs are picked up at once. */
  pollIntervalMs?: number;
  /** How often deliveries whose job was lost are queued again (a dead worker's claims: every quarter lease). */
  sweepIntervalMs?: number;
  /** Where the worker reports problems, one line each; `verbose` adds the queue's own info lines. */
  log?: (line: string) => void;
  verbose?: boolean;
};

export type RunningWorker = { stop(): Promise<void> };

/** A first-attempt batch from the dispatcher, or one delivery (a retry, a redelivery, the stalled sweep). */
const deliveryPayloadSchema = z.union([
  z.object({ deliveryIds: z.array(z.string().min(1)).min(1) }).transform((p) => p.deliveryIds),
  z.object({ deliveryId: z.string().min(1) }).transform((p) => [p.deliveryId]),
]);

/**
 * Starts webhook delivery in this process: a graphile-worker pool (the queue lives in the same PostgreSQL,
 * schema `graphile_worker`, installed on first start) running `deliver-webhook` jobs, and a dispatcher loop
 * that turns new outbox events into deliveries. Nothing here runs inside a SCIM request, so a slow or failing
 * endpoint never slows one down. Run as many workers as needed: they share the queue, and one dispatches at
 * a time.
 *
 * The domain code reaches the database through the process's shared pool, which reads DATABASE_URL; it is
 * set from `databaseUrl` when unset.
 */
export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const { databaseUrl, concurrency = 10, dispatchIntervalMs = 2000, pollIntervalMs = 1000, sweepIntervalMs = 60_000, verbose = false } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(`[worker] ${line}\n`));
  const delivery: DeliveryOptions = {
    retryBaseMs: options.retryBaseMs ?? DEFAULT_DELIVERY_OPTIONS.retryBaseMs,
    retryMaxMs: options.retryMaxMs ?? DEFAULT_DELIVERY_OPTIONS.retryMaxMs,
    deliveryWindowMs: options.deliveryWindowMs ?? DEFAULT_DELIVERY_OPTIONS.deliveryWindowMs,
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_DELIVERY_OPTIONS.requestTimeoutMs,
    leaseMs: options.leaseMs ?? DEFAULT_DELIVERY_OPTIONS.leaseMs,
  };
  if (!process.env.DATABASE_URL) process.env.DATABASE_URL = databaseUrl;
  else if (process.env.DATABASE_URL !== databaseUrl) throw new Error("startWorker: databaseUrl differs from DATABASE_URL, which the rest of the process uses");

  const deliverTask: Task = async (payload, helpers) => {
    const parsed = deliveryPayloadSchema.safeParse(payload);
    if (!parsed.success) {
      log(`dropped a ${DELIVER_WEBHOOK_TASK} job without a delivery id`);
      return;
    }
    await deliverWebhooks(parsed.data, { ...delivery, signal: helpers.abortSignal });
  };

  const runOptions: RunnerOptions = {
    connectionString: databaseUrl,
    // The queue's own connections: one per job in flight, plus its LISTEN connection and a spare.
    maxPoolSize: concurrency + 2,
    concurrency,
    pollInterval: pollIntervalMs,
    // The launcher (or lib/worker/main.ts) handles SIGINT/SIGTERM and calls stop().
    noHandleSignals: true,
    taskList: { [DELIVER_WEBHOOK_TASK]: deliverTask, ...googleSyncTasks(log) },
    // Given explicitly: without it graphile-worker would read ./crontab from the working directory. Every
    // minute, the Google Workspace directories whose scheduled sync is due are queued (issue 14).
    parsedCronItems: parseCronItems([{ task: QUEUE_DUE_GOOGLE_SYNCS_TASK, match: "* * * * *", identifier: QUEUE_DUE_GOOGLE_SYNCS_TASK }]),
    // On stop, a request in flight may finish (up to its timeout) before it is aborted, so that a clean
    // stop does not turn a delivery the endpoint accepted into a retry it will see twice.
    gracefulShutdownAbortTimeout: delivery.requestTimeoutMs + 2000,
    logger: new Logger(() => (level, message) => {
      // LogLevel is a const enum, which isolatedModules cannot read: compare its string values.
      const severity: string = level;
      if (severity === "error" || severity === "warning" || verbose) log(`queue ${severity}: ${message}`);
    }),
  };
  const queue = await superviseQueue(runOptions, log);

  const dispatcher = startDispatcher({ databaseUrl, intervalMs: dispatchIntervalMs, sweepIntervalMs, leaseMs: delivery.leaseMs, log });
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= (async () => {
        await dispatcher.stop();
        await queue.stop();
      })();
      return stopped;
    },
  };
}

/**
 * The dispatcher loop. A transaction that writes outbox events notifies on commit (a trigger on "Event"), and the
 * notification wakes the dispatcher at once, so a deactivation reaches the host's webhook within milliseconds
 * rather than a poll interval. Every `intervalMs` it also looks on its own, the fallback for a lost listener
 * connection. Every quarter lease it queues again the deliveries whose worker died mid-batch; every
 * `sweepIntervalMs` it queues stalled deliveries again; the first sweep, at start, queues everything due, such
 * as redeliveries requested while no worker had installed the queue yet.
 *
 * The dispatcher only takes events below the oldest running transaction (dispatch-events.ts), so a woken pass
 * can find the new event still held back by an older transaction that is about to commit: it looks again a few
 * times, CHASE_DELAY_MS apart, before it falls back to the poll.
 *
 * Passes start at least MIN_PASS_SPACING_MS apart (issue 13). Each pass costs a transaction of three statements
 * whatever it finds, and under a provider's bulk sync every commit notifies: one pass per write cost PostgreSQL
 * about 0.55 ms and the worker 0.5 ms per created user (8 clients, measured from /proc). A notification that
 * arrives sooner after the last pass waits for the rest of the spacing, and the events of every commit
 * meanwhile go in that one pass. A lone deactivation finds the dispatcher idle and is dispatched at once.
 * 50 ms rather than 20: side by side with 20 (bench:scim-compare, 8 clients, four runs), the worker's CPU per created
 * user fell from 0.042–0.057 ms to 0.017–0.033; creates/s moved by 0–9 %, within the machine's drift. During a burst an
 * event waits at most 50 ms more.
 */
const CHASE_DELAY_MS = 20;
const MIN_PASS_SPACING_MS = 50;
const CHASE_TRIES = 5;

function startDispatcher({ databaseUrl, intervalMs, sweepIntervalMs, leaseMs, log }: {
  databaseUrl: string; intervalMs: number; sweepIntervalMs: number; leaseMs: number; log: (line: string) => void;
}) {
  let position: EventPosition | undefined;
  let nextSweepAt = 0;
  let nextLeaseSweepAt = 0;
  let firstSweep = true;
  let running = true;
  let timer: NodeJS.Timeout | undefined;
  let lastError = "";
  let ticking = false;
  let wokenWhileTicking = false;
  let chases = 0;

  /** One pass; answers how many events it dispatched. */
  const tick = async (): Promise<number> => {
    let dispatched = 0;
    try {
      for (;;) {
        const result = await dispatchEvents({ after: position, batchSize: 500 });
        if (result.ran) position = result.position;
        dispatched += result.events;
        if (!running || !result.ran || result.events < 500) break;
      }
      if (running && Date.now() >= nextSweepAt) {
        await requeueStalledDeliveries({ overdueMs: firstSweep ? 0 : sweepIntervalMs, leaseMs });
        firstSweep = false;
        nextSweepAt = Date.now() + sweepIntervalMs;
        nextLeaseSweepAt = Date.now() + leaseMs / 4;
      } else if (running && Date.now() >= nextLeaseSweepAt) {
        await requeueStalledDeliveries({ overdueMs: null, leaseMs });
        nextLeaseSweepAt = Date.now() + leaseMs / 4;
      }
      lastError = "";
    } catch (err) {
      // One line per distinct error, not one every half second while the database is down.
      const message = err instanceof Error ? err.message.split("\n")[0]! : String(err);
      if (message !== lastError) log(`dispatcher: ${message}`);
      lastError = message;
    }
    return dispatched;
  };

  let current: Promise<void> = Promise.resolve();
  let lastPassAt = -Infinity;
  const schedule = (delayMs: number) => {
    if (!running) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, delayMs);
  };
  /** How long a pass wanted now must wait to keep MIN_PASS_SPACING_MS after the last one started. */
  const spacingLeft = () => Math.max(0, lastPassAt + MIN_PASS_SPACING_MS - performance.now());
  function run() {
    ticking = true;
    lastPassAt = performance.now();
    current = tick().then((dispatched) => {
      ticking = false;
      if (!running) return;
      if (wokenWhileTicking) {
        wokenWhileTicking = false;
        chases = CHASE_TRIES;
        return schedule(spacingLeft());
      }
      if (dispatched === 0 && chases > 0) {
        chases--;
        return schedule(CHASE_DELAY_MS);
      }
      chases = 0;
      schedule(intervalMs);
    });
  }
  const wake = () => {
    if (!running) return;
    if (ticking) {
      wokenWhileTicking = true;
      return;
    }
    chases = CHASE_TRIES;
    const wait = spacingLeft();
    if (wait > 0) return schedule(wait);
    if (timer) clearTimeout(timer);
    run();
  };
  const listener = listenForEvents({ databaseUrl, onEvent: wake, log });
  run();

  return {
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      await listener.stop();
      await current;
    },
  };
}

const QUEUE_RESTART_MIN_MS = 500;
const QUEUE_RESTART_MAX_MS = 5_000;

/**
 * Runs the graphile-worker queue and starts it again whenever one of its job workers stops on its own.
 * graphile-worker 0.16 never replaces such a worker ("Worker exited, but pool is in continuous mode…", and a
 * TODO in its source): when the database dies while a job runs, the job cannot be released, the worker
 * "commits seppuku", and once every worker has, the queue runs nothing ever again while the process looks
 * healthy. Measured: a kill -9 of PostgreSQL mid-burst left 313 acknowledged users without their webhook.
 * The restart waits for the database with a backoff (0.5 s doubling to 5 s). Once the new pool runs, the jobs
 * the dead workers had locked are unlocked (graphile-worker would free them only after 4 hours): a job fetched
 * just before the crash whose delivery was never claimed is otherwise invisible to the dispatcher's lease
 * sweep, and its webhook waited for the minute-long overdue sweep (CI: kill -9 of PostgreSQL mid-burst).
 * Running such a job twice is harmless: a delivery another job has claimed or sent is not sent again.
 */
export async function superviseQueue(options: RunnerOptions, log: (line: string) => void): Promise<{ stop(): Promise<void> }> {
  let stopping = false;
  let restarting: Promise<void> | undefined;
  let runner: Runner;
  const retiring = new Set<Promise<unknown>>();
  // Job workers that stopped on their own: no longer running, so their locks can be forced open.
  const deadWorkerIds = new Set<string>();

  const restartAfter = (current: Runner, reason: string) => {
    if (stopping || restarting || current !== runner) return;
    log(`queue: ${reason}; restarting the queue`);
    restarting = restart(current).finally(() => (restarting = undefined));
  };
  const watch = (current: Runner) => {
    current.events.on("worker:stop", ({ worker, error }) => {
      if (!stopping) deadWorkerIds.add(worker.workerId);
      restartAfter(current, `a job worker stopped (${error instanceof Error ? error.message.split("\n")[0] : "on its own"})`);
    });
    current.promise.catch((err: unknown) => {
      const message = err instanceof Error ? err.message.split("\n")[0] : String(err);
      if (stopping) log(`queue stopped: ${message}`);
      else restartAfter(current, `the queue stopped (${message})`);
    });
    return current;
  };

  const restart = async (dead: Runner) => {
    // The old pool stops in the background: one that still has a job in flight lets it finish (up to the
    // graceful timeout), and waiting for that held every other delivery back. Two pools may overlap; each job
    // is locked by the one that takes it.
    const deadStopped = dead.stop().catch(() => undefined);
    retiring.add(deadStopped);
    void deadStopped.finally(() => retiring.delete(deadStopped));
    let delayMs = QUEUE_RESTART_MIN_MS;
    let lastError = "";
    while (!stopping) {
      await new Promise((r) => setTimeout(r, delayMs));
      if (stopping) return;
      try {
        runner = watch(await run(options));
        log("queue: running again");
        await unlockDeadWorkersJobs();
        return;
      } catch (err) {
        // One line per distinct error while the database is still down.
        const message = err instanceof Error ? err.message.split("\n")[0]! : String(err);
        if (message !== lastError) log(`queue: cannot start yet (${message}); trying again`);
        lastError = message;
        delayMs = Math.min(delayMs * 2, QUEUE_RESTART_MAX_MS);
      }
    }
  };

  const unlockDeadWorkersJobs = async () => {
    const ids = [...deadWorkerIds];
    if (ids.length === 0) return;
    try {
      const utils = await makeWorkerUtils({ connectionString: options.connectionString, logger: options.logger });
      try {
        await utils.forceUnlockWorkers(ids);
      } finally {
        await utils.release();
      }
      for (const id of ids) deadWorkerIds.delete(id);
    } catch (err) {
      // Kept for the next restart; the dispatcher's overdue sweep is the backstop.
      log(`queue: could not unlock the dead workers' jobs (${err instanceof Error ? err.message.split("\n")[0] : String(err)})`);
    }
  };

  runner = watch(await run(options));
  return {
    async stop() {
      stopping = true;
      await restarting;
      await runner.stop();
      await Promise.all(retiring);
    },
  };
}
