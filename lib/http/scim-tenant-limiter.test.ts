import { describe, expect, it } from "vitest";
import { ScimError } from "@/lib/scim/errors";
import { ScimTenantLimiter } from "./scim-tenant-limiter";

const tick = () => new Promise((r) => setTimeout(r, 5));

// Issue 12, item 7: one directory's requests must not take every slot of the server.
describe("ScimTenantLimiter", () => {
  it("runs `perDirectory` at once, queues the rest in order, and never holds another directory back", async () => {
    const limiter = new ScimTenantLimiter(2, 10, 5_000);
    const releases = [await limiter.acquire("dir_a"), await limiter.acquire("dir_a")];
    const order: number[] = [];
    const third = limiter.acquire("dir_a").then((r) => (order.push(3), r));
    const fourth = limiter.acquire("dir_a").then((r) => (order.push(4), r));
    const other = await limiter.acquire("dir_b");
    expect(limiter.load("dir_a")).toEqual({ active: 2, waiting: 2 });
    await tick();
    expect(order).toEqual([]);
    releases[0]!();
    releases[0]!(); // a second call is harmless
    await tick();
    expect(order).toEqual([3]);
    releases[1]!();
    await Promise.all([third, fourth]).then((rs) => rs.forEach((r) => r()));
    other();
    expect(limiter.load("dir_a")).toEqual({ active: 0, waiting: 0 });
    expect(limiter.load("dir_b")).toEqual({ active: 0, waiting: 0 });
  });

  it("answers 429 with Retry-After when the queue is full", async () => {
    const limiter = new ScimTenantLimiter(1, 1, 5_000);
    const release = await limiter.acquire("dir_a");
    const waiting = limiter.acquire("dir_a");
    const refused = await limiter.acquire("dir_a").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ScimError);
    expect([(refused as ScimError).status, (refused as ScimError).headers["Retry-After"]]).toEqual([429, "1"]);
    release();
    (await waiting)();
  });

  it("answers 429 to a request that waited too long, and forgets it", async () => {
    const limiter = new ScimTenantLimiter(1, 5, 30);
    const release = await limiter.acquire("dir_a");
    const refused = await limiter.acquire("dir_a").catch((e: unknown) => e);
    expect((refused as ScimError).status).toBe(429);
    expect(limiter.load("dir_a")).toEqual({ active: 1, waiting: 0 });
    release();
    expect(limiter.load("dir_a")).toEqual({ active: 0, waiting: 0 });
  });
});
