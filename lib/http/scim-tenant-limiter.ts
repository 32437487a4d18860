import { ScimError } from "@/lib/scim/errors";

/** Requests of one directory that may wait for a slot, and for how long, before the answer is 429. */
export const MAX_WAITING_PER_DIRECTORY = 50;
export const MAX_WAIT_MS = 10_000;

type Waiter = { resolve: () => void; timer: NodeJS.Timeout };
type State = { active: number; waiting: Waiter[] };

/**
 * Bounds the work one directory holds in this process at once (issue 12, item 7): at most `perDirectory` of its
 * SCIM requests run, the next ones wait in order, and past MAX_WAITING_PER_DIRECTORY waiting or MAX_WAIT_MS of
 * waiting the answer is 429 with Retry-After, which Entra ID and Okta both back off on. Another directory's
 * requests never wait behind them. Per process: N instances behind a load balancer allow N times as much.
 */
export class ScimTenantLimiter {
  private readonly directories = new Map<string, State>();

  constructor(
    private readonly perDirectory: number,
    private readonly maxWaiting = MAX_WAITING_PER_DIRECTORY,
    private readonly maxWaitMs = MAX_WAIT_MS,
  ) {}

  /** Resolves with the slot's release function once `directoryId` has a free slot; throws ScimError 429. */
  async acquire(directoryId: string): Promise<() => void> {
    let state = this.directories.get(directoryId);
    if (!state) this.directories.set(directoryId, (state = { active: 0, waiting: [] }));
    if (state.active < this.perDirectory) {
      state.active++;
      return this.releaser(directoryId, state);
    }
    if (state.waiting.length >= this.maxWaiting) throw busy(this.perDirectory);
    const waiting = state.waiting;
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        timer: setTimeout(() => {
          waiting.splice(waiting.indexOf(waiter), 1);
          reject(busy(this.perDirectory));
        }, this.maxWaitMs),
      };
      waiting.push(waiter);
    });
    return this.releaser(directoryId, state);
  }

  /** Requests of `directoryId` running and waiting now, for tests and diagnostics. */
  load(directoryId: string): { active: number; waiting: number } {
    const state = this.directories.get(directoryId);
    return { active: state?.active ?? 0, waiting: state?.waiting.length ?? 0 };
  }

  private releaser(directoryId: string, state: State): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = state.waiting.shift();
      if (next) {
        // The slot passes straight to the next in line: `active` stays as it is.
        clearTimeout(next.timer);
        next.resolve();
        return;
      }
      state.active--;
      if (state.active === 0) this.directories.delete(directoryId);
    };
  }
}

function busy(perDirectory: number) {
  return new ScimError(429, undefined,
    `Too many requests for this directory at once: ${perDirectory} run at a time and the queue is full. Retry after a second.`,
    { "Retry-After": "1" });
}

const holder = globalThis as unknown as { __rollcallScimLimiter?: ScimTenantLimiter };

/** The process's limiter, shared by every SCIM route module. */
export function scimTenantLimiter(perDirectory: number): ScimTenantLimiter {
  holder.__rollcallScimLimiter ??= new ScimTenantLimiter(perDirectory);
  return holder.__rollcallScimLimiter;
}
