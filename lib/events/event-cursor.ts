import { DomainError } from "@/lib/domain-error";

/**
 * A position in the outbox: the (txid, seq) of the last event read. Events are ordered by the id of the
 * transaction that wrote them, then by sequence number, and only transactions older than every one still
 * running are served, so no event can later appear before a cursor that has been handed out.
 */
export type EventPosition = { txid: bigint; seq: bigint };

export const START_POSITION: EventPosition = { txid: 0n, seq: 0n };

const INT8_MAX = 9223372036854775807n;

/** Opaque to clients: base64url of "txid:seq". */
export function encodeEventCursor(position: EventPosition): string {
  return Buffer.from(`${position.txid}:${position.seq}`, "utf8").toString("base64url");
}

/** Throws INVALID_INPUT (field `after`) for anything this feed did not hand out. */
export function decodeEventCursor(cursor: string): EventPosition {
  const invalid = () => new DomainError("INVALID_INPUT", "after: not a cursor returned by the events feed", "after");
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cursor)) throw invalid();
  const match = /^(\d{1,19}):(\d{1,19})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw invalid();
  const position = { txid: BigInt(match[1]!), seq: BigInt(match[2]!) };
  if (position.txid > INT8_MAX || position.seq > INT8_MAX) throw invalid();
  // One spelling per position, so that a cursor can be compared and cached as a string.
  if (encodeEventCursor(position) !== cursor) throw invalid();
  return position;
}

export function comparePositions(a: EventPosition, b: EventPosition): number {
  if (a.txid !== b.txid) return a.txid < b.txid ? -1 : 1;
  if (a.seq !== b.seq) return a.seq < b.seq ? -1 : 1;
  return 0;
}

/** Every event of a transaction below `xmin` (the oldest still running) is before this position. */
export function positionBefore(xmin: bigint): EventPosition {
  return { txid: xmin - 1n, seq: INT8_MAX };
}
