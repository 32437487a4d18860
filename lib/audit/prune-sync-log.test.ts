import { describe, expect, it } from "vitest";
import { sql } from "@/lib/db/sql";
import { createDirectory } from "@/lib/directory/create-directory";
import { newId } from "@/lib/ids";
import { createOrganization } from "@/lib/organizations/create-organization";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { pruneSyncLog } from "./prune-sync-log";

setupTestDatabase();

describe("sync-log retention", () => {
  it("deletes entries older than the retention period, in batches, and keeps the rest", async () => {
    const org = await createOrganization({ name: "Prune", slug: "prune" });
    const { directory } = await createDirectory({ organizationId: org.id, provider: "okta", syncMode: "FULL" });
    const insert = (ageDays: number) =>
      sql.execute(
        `INSERT INTO "SyncLogEntry" ("id", "organizationId", "directoryId", "createdAt", "method", "path", "status", "latencyMs")
         VALUES ($1, $2, $3, now() - make_interval(days => $4), 'GET', '/Users', 200, 1)`,
        [newId("log"), org.id, directory.id, ageDays],
      );
    for (let i = 0; i < 7; i++) await insert(31 + i);
    for (let i = 0; i < 3; i++) await insert(i);
    expect(await pruneSyncLog({ retentionDays: 30, batchSize: 2 })).toBe(7);
    const left = await sql.query<{ count: number }>(`SELECT count(*)::int AS count FROM "SyncLogEntry" WHERE "directoryId" = $1`, [directory.id]);
    expect(left[0]!.count).toBe(3);
    expect(await pruneSyncLog({ retentionDays: 30 })).toBe(0);
  });
});
