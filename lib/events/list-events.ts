import { z } from "zod";
import { sql } from "@/lib/db/sql";
import { parseInput } from "@/lib/validation";
import { comparePositions, decodeEventCursor, encodeEventCursor, positionBefore, START_POSITION, type EventPosition } from "./event-cursor";
import { EVENT_TYPES } from "./event-types";

export const listEventsInputSchema = z.object({
  after: z.string().optional(),
  types: z.array(z.enum(EVENT_TYPES, { error: "must be a known event type" })).optional(),
  organizationId: z.string().min(1).optional(),
  limit: z.number().int("must be a whole number").min(1, "must be between 1 and 1000").max(1000, "must be between 1 and 1000").default(100),
});

/** Strings, not EventType: the feed is read with whatever a client sends, and unknown types are refused. */
export type ListEventsInput = { after?: string; types?: string[]; organizationId?: string; limit?: number };

export type FeedEvent = {
  id: string;
  type: string;
  createdAt: Date;
  organizationId: string;
  directoryId: string | null;
  data: unknown;
};

type Row = {
  xmin: string;
  txid: string | null;
  seq: string | null;
  id: string | null;
  type: string;
  createdAt: Date;
  organizationId: string;
  directoryId: string | null;
  data: unknown;
};

/**
 * The events feed: ordered by (txid, seq), replayable from any cursor, and it never skips an event.
 *
 * A sequence number alone is not safe to resume from: transaction A takes seq 5, B takes seq 6 and commits
 * first, a reader returns 6 and moves past it, then A commits 5 behind the reader's back. So the feed only
 * serves events whose transaction id is below the oldest transaction still running
 * (`pg_snapshot_xmin(pg_current_snapshot())`): every transaction that could still add a smaller key has
 * finished, and the page below the cursor can never change again.
 */
export async function listEvents(input: ListEventsInput = {}): Promise<{ data: FeedEvent[]; nextCursor: string }> {
  const { after, types, organizationId, limit } = parseInput(listEventsInputSchema, input);
  const from = after === undefined ? START_POSITION : decodeEventCursor(after);

  const params: unknown[] = [from.txid.toString(), from.seq.toString(), limit];
  const filters: string[] = [];
  if (types && types.length > 0) filters.push(`AND e.type = ANY($${params.push([...new Set(types)])}::text[])`);
  if (organizationId !== undefined) filters.push(`AND e."organizationId" = $${params.push(organizationId)}`);

  // One statement, so that the horizon and the rows come from the same snapshot.
  const rows = await sql.query<Row>(
    `WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin)
     SELECT h.xmin::text AS xmin, e.txid::text AS txid, e.seq::text AS seq, e.id, e.type, e."createdAt",
            e."organizationId", e."directoryId", e.data
     FROM horizon h
     LEFT JOIN LATERAL (
       SELECT e.* FROM "Event" e
       WHERE (e.txid, e.seq) > ($1::bigint, $2::bigint) AND e.txid < h.xmin ${filters.join(" ")}
       ORDER BY e.txid, e.seq
       LIMIT $3
     ) e ON true
     ORDER BY e.txid, e.seq`,
    params,
  );

  const events = rows.filter((r) => r.id !== null);
  const data = events.map((r) => ({
    id: r.id!,
    type: r.type,
    createdAt: r.createdAt,
    organizationId: r.organizationId,
    directoryId: r.directoryId,
    data: r.data,
  }));

  let next: EventPosition = from;
  const last = events.at(-1);
  if (last) next = { txid: BigInt(last.txid!), seq: BigInt(last.seq!) };
  if (events.length < limit) {
    // A short page holds every matching event below the horizon, so the next read can start at the horizon
    // rather than rescan the events the filters left out.
    const horizon = positionBefore(BigInt(rows[0]!.xmin));
    if (comparePositions(horizon, next) > 0) next = horizon;
  }
  return { data, nextCursor: encodeEventCursor(next) };
}
