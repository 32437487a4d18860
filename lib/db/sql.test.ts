import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { MAX_PREPARED_TEXTS, transaction } from "./sql";
import { withStatementTimeout } from "./statement-timeout";

setupTestDatabase();

/** The texts this connection has prepared, among those matching `like`. */
async function preparedOnThisConnection(tx: Parameters<Parameters<typeof transaction>[0]>[0], like: string) {
  const rows = await tx.query<{ statement: string }>(`SELECT statement FROM pg_prepared_statements WHERE statement LIKE $1`, [like]);
  return rows.map((r) => r.statement);
}

// Issue 13: a SCIM request's statements are prepared once per connection, not parsed and planned on every call.
describe("statements of a SCIM request", () => {
  it("are prepared by name inside the request's scope, and not outside it", async () => {
    const text = `SELECT $1::int + 1 AS "next" /* scope test */`;
    const inScope = await withStatementTimeout(5_000, () => transaction(async (tx) => {
      expect(await tx.query(text, [41])).toEqual([{ next: 42 }]);
      expect(await tx.query(text, [1])).toEqual([{ next: 2 }]);
      return preparedOnThisConnection(tx, "%scope test%");
    }));
    expect(inScope).toEqual([text]);

    const outside = await transaction(async (tx) => {
      await tx.query(`SELECT $1::int AS "n" /* outside test */`, [1]);
      return preparedOnThisConnection(tx, "%outside test%");
    });
    expect(outside).toEqual([]);
  });

  it("stop being prepared past the bound, so that ever new texts cannot grow a connection's cache, and still run", async () => {
    const answers = await withStatementTimeout(30_000, () => transaction(async (tx) => {
      const got: number[] = [];
      for (let i = 0; i < MAX_PREPARED_TEXTS + 50; i++) {
        const [row] = await tx.query<{ n: number }>(`SELECT ${i}::int AS "n" /* bound test */`);
        got.push(row!.n);
      }
      return { got, prepared: await preparedOnThisConnection(tx, "%bound test%") };
    }));
    expect(answers.got).toEqual(Array.from({ length: MAX_PREPARED_TEXTS + 50 }, (_, i) => i));
    // The first texts are prepared (the first test's took a few places in this process's registry), the later ones not.
    expect(answers.prepared.length).toBeGreaterThan(MAX_PREPARED_TEXTS - 5);
    expect(answers.prepared.length).toBeLessThan(MAX_PREPARED_TEXTS);
    expect(answers.prepared).toContain(`SELECT 0::int AS "n" /* bound test */`);
    expect(answers.prepared).not.toContain(`SELECT ${MAX_PREPARED_TEXTS + 49}::int AS "n" /* bound test */`);
  });
});
