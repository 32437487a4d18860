import { describe, expect, it } from "vitest";
import { sql, transaction, type Sql } from "@/lib/db/sql";
import { DomainError } from "@/lib/domain-error";
import { createOrganization } from "@/lib/organizations/create-organization";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { decodeEventCursor, encodeEventCursor } from "./event-cursor";
import { listEvents } from "./list-events";
import { recordEvent, type EventType } from "./record-event";

setupTestDatabase();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

async function newOrg(slug: string) {
  return createOrganization({ name: slug, slug });
}

function record(tx: Sql, organizationId: string, type: EventType = "dsync.user.created", data: Record<string, unknown> = {}) {
  return recordEvent(tx, { type, organizationId, directoryId: null, data });
}

/** The order the feed must serve: by writing transaction, then sequence. */
async function committedOrder(organizationId: string): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(`SELECT id FROM "Event" WHERE "organizationId" = $1 ORDER BY txid, seq`, [organizationId]);
  return rows.map((r) => r.id);
}

/** Pages from `cursor` until `until()` holds and a page comes back empty; returns what it read. */
async function readFeed(organizationId: string, until: (read: number) => boolean, { limit = 3, timeoutMs = 30_000 } = {}) {
  const seen: string[] = [];
  let cursor: string | undefined;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const page = await listEvents({ after: cursor, organizationId, limit });
    seen.push(...page.data.map((e) => e.id));
    cursor = page.nextCursor;
    if (page.data.length === 0) {
      if (until(seen.length)) return { seen, cursor };
      if (Date.now() > deadline) throw new Error(`feed did not catch up; read ${seen.length}`);
      await sleep(5);
    }
  }
}

describe("listEvents", () => {
  it("never serves an event while an older transaction that could still precede it is open", async () => {
    const org = await newOrg("feed-out-of-order");
    const firstWritten = gate();
    const secondCommitted = gate();
    const secondWritten = gate();
    const release = gate();

    // W1 writes first (lowest txid and seq), then writes again after W2 has committed (a higher seq than
    // W2's), and commits last. A reader resuming from a sequence number would pass over W1's events.
    const w1 = transaction(async (tx) => {
      await record(tx, org.id);
      firstWritten.open();
      await secondCommitted.opened;
      await record(tx, org.id);
      secondWritten.open();
      await release.opened;
    });
    await firstWritten.opened;
    await transaction(async (tx) => {
      await record(tx, org.id);
    });
    secondCommitted.open();
    // W3 writes after W1's second event, so the sequence order is fixed: W1, W2, W1, W3.
    await secondWritten.opened;
    await transaction(async (tx) => {
      await record(tx, org.id);
    });

    // W2 and W3 are committed, but W1 is still open and older: nothing may be served yet.
    await sleep(50);
    const early = await listEvents({ organizationId: org.id });
    expect(early.data).toEqual([]);

    release.open();
    await w1;
    const order = await committedOrder(org.id);
    expect(order).toHaveLength(4);
    const { seen } = await readFeed(org.id, () => true);
    expect(seen).toEqual(order);
    // The feed's order is W1's two events, then W2's, then W3's: not the sequence order.
    const seqOrder = (await sql.query<{ id: string }>(`SELECT id FROM "Event" WHERE "organizationId" = $1 ORDER BY seq`, [org.id])).map((r) => r.id);
    expect(seen).not.toEqual(seqOrder);
    expect(new Set(seen.slice(0, 2))).toEqual(new Set([seqOrder[0], seqOrder[2]]));
  });

  it("gives a reader paging during concurrent writes every event exactly once, in a stable order", async () => {
    const org = await newOrg("feed-concurrent");
    const holdOldest = gate();
    let writersDone = false;
    let written = 0;

    // The oldest writer starts first and stays open while the others start, write and commit around it.
    const oldest = transaction(async (tx) => {
      await record(tx, org.id, "dsync.group.created");
      written++;
      await holdOldest.opened;
      await record(tx, org.id, "dsync.group.updated");
      written++;
    });
    const others = Array.from({ length: 8 }, (_, w) =>
      (async () => {
        await sleep(w * 7);
        await transaction(async (tx) => {
          for (let i = 0; i < 5; i++) {
            await record(tx, org.id, "dsync.user.updated", { writer: w, i });
            written++;
            await sleep(Math.floor(Math.random() * 15));
          }
        });
      })(),
    );

    // Done when the writers are and every event they wrote was read: the feed withholds events while any older
    // transaction of the cluster is open, and other test files' transactions (other databases, same server) can
    // hold it back for a moment after the writers commit (CI: an empty page, then nothing read).
    const reader = readFeed(org.id, (read) => writersDone && read >= written, { limit: 4 });
    await Promise.all(others);
    await sleep(30);
    holdOldest.open();
    await oldest;
    writersDone = true;
    const { seen, cursor } = await reader;

    expect(written).toBe(42);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(await committedOrder(org.id));

    // Read again from the start in one go: the same order.
    const again = await listEvents({ organizationId: org.id, limit: 1000 });
    expect(again.data.map((e) => e.id)).toEqual(seen);
    // And from the reader's last cursor there is nothing new.
    expect((await listEvents({ organizationId: org.id, after: cursor })).data).toEqual([]);
  });

  it("filters by event type and organisation, and a replayed cursor returns the same page", async () => {
    const a = await newOrg("feed-filter-a");
    const b = await newOrg("feed-filter-b");
    await transaction(async (tx) => {
      for (let i = 0; i < 6; i++) {
        await record(tx, a.id, i % 2 === 0 ? "dsync.user.created" : "dsync.group.created", { i });
        await record(tx, b.id, "dsync.user.created", { i });
      }
    });

    const onlyA = await listEvents({ organizationId: a.id, limit: 100 });
    expect(onlyA.data).toHaveLength(6);
    expect(onlyA.data.every((e) => e.organizationId === a.id)).toBe(true);
    expect(onlyA.data.map((e) => (e.data as { i: number }).i)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(onlyA.data[0]).toMatchObject({ type: "dsync.user.created", directoryId: null, data: { i: 0 } });
    expect(onlyA.data[0]!.createdAt).toBeInstanceOf(Date);
    expect(onlyA.data[0]!.id).toMatch(/^evt_/);

    const groupsOfA = await listEvents({ organizationId: a.id, types: ["dsync.group.created"] });
    expect(groupsOfA.data.map((e) => (e.data as { i: number }).i)).toEqual([1, 3, 5]);
    const usersEverywhere = await listEvents({ types: ["dsync.user.created"], limit: 1000 });
    expect(usersEverywhere.data.filter((e) => e.organizationId === b.id)).toHaveLength(6);
    expect(usersEverywhere.data.every((e) => e.type === "dsync.user.created")).toBe(true);

    const first = await listEvents({ organizationId: a.id, limit: 2 });
    const second = await listEvents({ organizationId: a.id, limit: 2, after: first.nextCursor });
    const replay = await listEvents({ organizationId: a.id, limit: 2, after: first.nextCursor });
    expect(replay).toEqual(second);
    expect(second.data.map((e) => (e.data as { i: number }).i)).toEqual([2, 3]);
    const third = await listEvents({ organizationId: a.id, limit: 2, after: second.nextCursor });
    expect(third.data.map((e) => (e.data as { i: number }).i)).toEqual([4, 5]);
  });

  it("rejects a malformed cursor, an unknown type and an out-of-range limit as invalid input", async () => {
    const invalid = { name: "DomainError", code: "INVALID_INPUT" };
    for (const after of ["", "not-a-cursor", Buffer.from("1:x").toString("base64url"), Buffer.from("99999999999999999999:1").toString("base64url"), "MToy=", "MToy\n"]) {
      await expect(listEvents({ after }), after).rejects.toMatchObject({ ...invalid, field: "after" });
    }
    await expect(listEvents({ after: "x" })).rejects.toBeInstanceOf(DomainError);
    await expect(listEvents({ types: ["dsync.user.exploded"] })).rejects.toMatchObject(invalid);
    await expect(listEvents({ limit: 0 })).rejects.toMatchObject({ ...invalid, field: "limit" });
    await expect(listEvents({ limit: 1001 })).rejects.toMatchObject({ ...invalid, field: "limit" });
    expect(decodeEventCursor(encodeEventCursor({ txid: 123n, seq: 45n }))).toEqual({ txid: 123n, seq: 45n });
    expect(encodeEventCursor({ txid: 1n, seq: 2n })).toBe(Buffer.from("1:2").toString("base64url"));
  });
});

describe("recordEvent", () => {
  it("writes the event in the caller's transaction: rolled back with it, and visible only once committed", async () => {
    const org = await newOrg("record-rollback");
    await expect(
      transaction(async (tx) => {
        await record(tx, org.id);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await committedOrder(org.id)).toEqual([]);

    const event = await transaction((tx) => recordEvent(tx, { type: "account.deactivated", organizationId: org.id, directoryId: "dir_x", data: { accountId: "acc_1" } }));
    expect(event).toMatchObject({ id: expect.stringMatching(/^evt_/), type: "account.deactivated" });
    expect(event.createdAt).toBeInstanceOf(Date);
    const [row] = await sql.query<{ txid: string; seq: string; data: unknown; directoryId: string }>(`SELECT txid::text, seq::text, data, "directoryId" FROM "Event" WHERE id = $1`, [event.id]);
    expect(row).toMatchObject({ data: { accountId: "acc_1" }, directoryId: "dir_x" });
    expect(BigInt(row!.txid)).toBeGreaterThan(0n);
  });

  it("refuses an unknown event type", async () => {
    const org = await newOrg("record-unknown");
    await expect(transaction((tx) => recordEvent(tx, { type: "dsync.nope" as EventType, organizationId: org.id, directoryId: null, data: {} }))).rejects.toThrow(/Unknown event type/);
  });
});
