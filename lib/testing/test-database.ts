import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, inject } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { queryOnce } from "./query-once";
import { cloneDatabase } from "./throwaway-postgres";

/**
 * Gives this test file its own migrated database on the run's throwaway PostgreSQL and points the app's
 * `db` client at it. Returns a getter for the URL (for tests that talk SQL or spawn the CLI).
 */
export function setupTestDatabase(): () => string {
  let url = "";
  beforeAll(async () => {
    url = await cloneDatabase(inject("pgAdminUrl"), inject("pgTemplate"), `t_${randomBytes(6).toString("hex")}`);
    process.env.DATABASE_URL = url;
  });
  afterAll(async () => {
    await disconnectDb();
  });
  return () => url;
}

/** A fresh, empty database (no migrations), for tests of the migration runner itself. */
export async function createEmptyDatabase(): Promise<string> {
  const admin = inject("pgAdminUrl");
  const name = `e_${randomBytes(6).toString("hex")}`;
  await queryOnce(admin, `CREATE DATABASE "${name}"`);
  return admin.replace(/\/[^/]+$/, `/${name}`);
}
