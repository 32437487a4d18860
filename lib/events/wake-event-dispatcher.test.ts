import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transaction } from "@/lib/db/sql";
import { withStatementTimeout } from "@/lib/db/statement-timeout";
import { createOrganization } from "@/lib/organizations/create-organization";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { recordEvent } from "./record-event";
import { EVENT_COMMITTED_CHANNEL, wakeEventDispatcher } from "./wake-event-dispatcher";

const url = setupTestDatabase();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The dispatcher's side: a connection LISTENing on the channel, counting what arrives.
let listener: pg.Client;
const arrivals: number[] = [];
beforeAll(async () => {
  listener = new pg.Client({ connectionString: url() });
  await listener.connect();
  listener.on("notification", () => arrivals.push(performance.now()));
  await listener.query(`LISTEN ${EVENT_COMMITTED_CHANNEL}`);
});
afterAll(async () => {
  await listener.end();
});

async function writeEvent(organizationId: string) {
  await transaction((tx) => recordEvent(tx, { type: "dsync.user.created", organizationId, directoryId: "dir_wake", data: {} }));
}

describe("waking the webhook dispatcher (issue 13)", () => {
  it("an event written by a SCIM request's connection notifies no one on commit; one written elsewhere does", async () => {
    const org = await createOrganization({ name: "wake", slug: "wake-scope" });
    await sleep(50);
    arrivals.length = 0;
    // The SCIM wrapper's scope: its connections leave the wake-up to the caller, so the commit takes no notify lock.
    await withStatementTimeout(30_000, () => writeEvent(org.id));
    await sleep(300);
    expect(arrivals).toHaveLength(0);
    // The API, the portal, the console, the CLI, the worker: the trigger notifies on commit, as before.
    await writeEvent(org.id);
    await sleep(300);
    expect(arrivals).toHaveLength(1);
  });

  it("a burst of wake-ups sends one at once and then at most one per 25 ms, and the last call is always followed by one", async () => {
    await sleep(50);
    arrivals.length = 0;
    const started = performance.now();
    for (let i = 0; i < 200; i++) wakeEventDispatcher();
    await sleep(200);
    // One at once, and the calls of the same instant folded into one more 25 ms later.
    expect(arrivals).toHaveLength(2);
    expect(arrivals[0]! - started).toBeLessThan(100);

    // Calls spread over 100 ms: never more often than every 25 ms (at once, then at most 5 more), and one after the last call.
    arrivals.length = 0;
    const end = performance.now() + 100;
    let lastCall = 0;
    while (performance.now() < end) {
      wakeEventDispatcher();
      lastCall = performance.now();
      await sleep(1);
    }
    await sleep(200);
    expect(arrivals.length).toBeGreaterThanOrEqual(2);
    expect(arrivals.length).toBeLessThanOrEqual(7);
    expect(arrivals.at(-1)!).toBeGreaterThanOrEqual(lastCall);
  });
});
