import { ApiError } from "./api-response";

/** Live streams one API key may hold open at once, on one server process. */
export const STREAMS_PER_KEY = 5;
/** Live streams one server process holds open at once, for every key together. */
export const STREAMS_PER_PROCESS = 100;

// Each open stream polls the database twice a second for as long as it lasts: unbounded, a few keys could
// hold every connection of the pool (issue 12, item 6). Counted per process, because a stream lives in one.
const perKey = new Map<string, number>();
let total = 0;

export type StreamSlot = { release: () => void };

/** Takes a slot for one more live stream, or answers 429 with what to do. Release it when the stream ends. */
export function acquireStreamSlot(keyId: string): StreamSlot {
  const mine = perKey.get(keyId) ?? 0;
  if (mine >= STREAMS_PER_KEY) throw new ApiError(429, "too_many_streams", `This API key already has ${STREAMS_PER_KEY} live streams open; close one first`);
  if (total >= STREAMS_PER_PROCESS) throw new ApiError(429, "too_many_streams", "This server has too many live streams open; retry in a minute");
  perKey.set(keyId, mine + 1);
  total++;
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      total--;
      const left = (perKey.get(keyId) ?? 1) - 1;
      if (left > 0) perKey.set(keyId, left);
      else perKey.delete(keyId);
    },
  };
}
