import { startEmbeddedPostgres, type EmbeddedPostgresOptions, type RunningPostgres } from "./embedded-postgres";

/**
 * Waits before each restart attempt after a crash, one per attempt. When every attempt has failed (about half
 * a minute in all) the database is not coming back by itself: the launcher gives up and exits non-zero, so
 * that whatever runs it (systemd, Docker, Kubernetes) can act and the operator sees a failed unit.
 */
export const RESTART_DELAYS_MS = [250, 1000, 2000, 4000, 8000, 16_000];

/** A server that stayed up this long has recovered: its next crash starts the delays from the beginning. */
const STABLE_AFTER_MS = 60_000;

export type SupervisedPostgresOptions = Omit<EmbeddedPostgresOptions, "onExit"> & {
  /** One line for each crash, restart and failure: what the operator reads in `npm start`'s output. */
  report: (line: string) => void;
  /** PostgreSQL could not be restarted; called once. The caller stops everything and exits non-zero. */
  onGiveUp: (reason: string) => void;
};

/**
 * The embedded PostgreSQL of `npm start`, restarted with backoff whenever it dies (kill -9, the OOM killer, a
 * crash). Its data survives: PostgreSQL replays its write-ahead log on start. Connections in the pools break
 * meanwhile; the pools open new ones once it is back, so /api/health returns to 200 by itself.
 */
export async function superviseEmbeddedPostgres(opts: SupervisedPostgresOptions): Promise<RunningPostgres> {
  const { report, onGiveUp, ...serverOptions } = opts;
  let stopping = false;
  let attempt = 0;
  let upSince = Date.now();
  let timer: NodeJS.Timeout | undefined;
  let starting: Promise<unknown> = Promise.resolve();
  const stopped = new AbortController();

  const scheduleRestart = () => {
    const delay = RESTART_DELAYS_MS[attempt];
    if (delay === undefined) {
      const reason = `PostgreSQL could not be restarted after ${attempt} attempts; stopping`;
      report(reason);
      onGiveUp(reason);
      return;
    }
    attempt++;
    timer = setTimeout(() => {
      timer = undefined;
      if (stopping) return;
      starting = start().then(
        () => {
          upSince = Date.now();
          report(`PostgreSQL is running again (attempt ${attempt})`);
        },
        (err: unknown) => {
          if (stopping) return;
          const message = err instanceof Error ? err.message.split("\n")[0] : String(err);
          const next = RESTART_DELAYS_MS[attempt];
          report(`PostgreSQL did not start (attempt ${attempt}): ${message}${next === undefined ? "" : `; trying again in ${next} ms`}`);
          scheduleRestart();
        },
      );
    }, delay);
  };

  const onExit = (how: string) => {
    if (stopping) return;
    if (Date.now() - upSince >= STABLE_AFTER_MS) attempt = 0;
    const delay = RESTART_DELAYS_MS[attempt];
    report(`PostgreSQL exited unexpectedly (${how}); restarting it${delay === undefined ? "" : ` in ${delay} ms`}`);
    scheduleRestart();
  };

  let current: RunningPostgres | undefined;
  const start = async () => {
    // Asked to stop while it is starting (or replaying its log): the signal stops it at once.
    const server = await startEmbeddedPostgres({ ...serverOptions, onExit, signal: stopped.signal });
    current = server;
    return server;
  };

  const first = await start();
  return {
    url: first.url,
    stop: async () => {
      stopping = true;
      if (timer) clearTimeout(timer);
      stopped.abort();
      await starting.catch(() => {});
      await current?.stop();
    },
  };
}
