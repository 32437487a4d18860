// Issue 12, item 17: a database crash in the middle of a burst kills neither the webhook worker nor Next.js;
// both ride out the restart and the worker keeps delivering.
import { expect, test } from "@playwright/test";
import { startApp } from "../../lib/testing/start-app";
import {
  createUser,
  createWebhookEndpoint,
  healthStatus,
  isRunning,
  kill9,
  newTenant,
  nextPidOf,
  postmasterPidOf,
  waitUntil,
  webhookReceiver,
  workerPidOf,
} from "./fault-support";

test.describe.configure({ timeout: 150_000 });

test("kill -9 of PostgreSQL mid-burst: the worker and Next.js stay up, and every acknowledged user's webhook arrives", async () => {
  const app = await startApp();
  const hook = await webhookReceiver({ delayMs: 0 });
  try {
    const { directory, apiKey } = newTenant(app, "pg-burst");
    await createWebhookEndpoint(app, apiKey, hook.url);
    const acknowledged: string[] = [];
    for (let i = 0; i < 5; i++) if ((await createUser(directory, `warm${i}@pg-burst.example`)) === 201) acknowledged.push(`warm${i}@pg-burst.example`);
    expect(await waitUntil(() => hook.distinctEvents() === 5, { timeoutMs: 15_000 })).toBe(true);
    const worker = workerPidOf(app)!;
    const next = nextPidOf(app)!;
    expect(worker).toBeTruthy();
    expect(next).toBeTruthy();

    // Eight clients create users without pause (bounded: 60 each, or until told to stop) while PostgreSQL dies.
    let bursting = true;
    const burst = Array.from({ length: 8 }, async (_, client) => {
      for (let i = 0; i < 60 && bursting; i++) {
        const userName = `burst${client}-${i}@pg-burst.example`;
        if ((await createUser(directory, userName)) === 201) acknowledged.push(userName);
      }
    });
    await new Promise((r) => setTimeout(r, 1500));
    kill9(postmasterPidOf(app.dataDir));
    await new Promise((r) => setTimeout(r, 3000));
    bursting = false;
    await Promise.all(burst);

    expect(await waitUntil(async () => (await healthStatus(app)) === 200, { timeoutMs: 20_000, intervalMs: 200 }), app.output()).toBe(true);
    for (let i = 0; i < 5; i++) if ((await createUser(directory, `after${i}@pg-burst.example`)) === 201) acknowledged.push(`after${i}@pg-burst.example`);
    expect(acknowledged.length).toBeGreaterThanOrEqual(10);

    // Every acknowledged create's webhook arrives, delivered by the same worker process.
    const arrived = () => new Set(hook.arrivals.map((a) => a.userName));
    const allArrived = await waitUntil(() => acknowledged.every((u) => arrived().has(u)), { timeoutMs: 20_000 });
    expect(acknowledged.filter((u) => !arrived().has(u)), app.output()).toEqual([]);
    expect(allArrived).toBe(true);
    expect(isRunning(worker), app.output()).toBe(true);
    expect(workerPidOf(app)).toBe(worker);
    expect(isRunning(next), app.output()).toBe(true);
    expect(app.output()).not.toMatch(/Unhandled 'error' event|uncaughtException|Uncaught/);
    expect(app.output()).not.toMatch(/webhook worker exited/);
  } finally {
    hook.close();
    await app.stop();
  }
});
