import { describe, expect, it } from "vitest";
import { toScimError } from "@/lib/http/with-scim-directory";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { sql, transaction } from "./sql";
import { isStatementTimeout, withStatementTimeout } from "./statement-timeout";

setupTestDatabase();

// Issue 12, item 7: a 10,000-character `co` filter ran unindexed for 10–14 s with no statement timeout.
describe("withStatementTimeout", () => {
  it("has PostgreSQL cancel a statement of the scope that runs too long, in a transaction or not", async () => {
    const alone = await withStatementTimeout(200, () => sql.query("SELECT pg_sleep(1)")).catch((e: unknown) => e);
    expect(isStatementTimeout(alone)).toBe(true);
    const inTransaction = await withStatementTimeout(200, () => transaction((tx) => tx.query("SELECT pg_sleep(1)"))).catch((e: unknown) => e);
    expect(isStatementTimeout(inTransaction)).toBe(true);
    // The connection is fine afterwards, and quick statements of the scope run as before.
    expect(await withStatementTimeout(200, () => sql.query<{ one: number }>("SELECT 1 AS one"))).toEqual([{ one: 1 }]);
  });

  it("leaves statements outside the scope alone", async () => {
    await withStatementTimeout(200, async () => undefined);
    await expect(sql.query("SELECT pg_sleep(0.4)")).resolves.toHaveLength(1);
  });

  it("is answered as a SCIM 503 with Retry-After, not a 500", async () => {
    const err = await withStatementTimeout(100, () => sql.query("SELECT pg_sleep(1)")).catch((e: unknown) => e);
    const scim = toScimError(err);
    expect([scim.status, scim.headers["Retry-After"]]).toEqual([503, "5"]);
    // The default SCIM_STATEMENT_TIMEOUT_MS, which the message names.
    expect(scim.message).toMatch(/^The request took longer than 30 s in the database and was stopped; nothing was changed/);
  });
});
