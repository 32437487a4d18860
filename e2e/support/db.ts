import { readFileSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { queryOnce } from "../../lib/testing/query-once";

/** The e2e app's embedded PostgreSQL, for specs that must check what was (or wasn't) written. */
export function e2eDatabaseUrl(): string {
  const dataDir = process.env.ROLLCALL_E2E_DATA_DIR;
  if (!dataDir) throw new Error("ROLLCALL_E2E_DATA_DIR is not set: run the specs through `npm run test:e2e`");
  return databaseUrlOf(dataDir);
}

/** The embedded PostgreSQL of the app whose DATA_DIR is `dataDir` (the shared e2e app's, or a spec's own). */
export function databaseUrlOf(dataDir: string): string {
  const { user, password } = JSON.parse(readFileSync(path.join(dataDir, "postgres.json"), "utf8")) as { user: string; password: string };
  // postmaster.pid: line 4 is the port (PostgreSQL's documented layout).
  const port = readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[3];
  return `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/rollcall`;
}

export function sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return queryOnce<T>(e2eDatabaseUrl(), text, params);
}

/** Everything a directory holds, as one comparable value: rows of users, groups and memberships with versions. */
export async function directorySnapshot(directoryId: string): Promise<unknown> {
  const [users, groups, members] = await Promise.all([
    sql(`SELECT id, "userName"::text, active, version, attributes FROM "DirectoryUser" WHERE "directoryId" = $1 ORDER BY id`, [directoryId]),
    sql(`SELECT id, "displayName"::text, version, attributes FROM "DirectoryGroup" WHERE "directoryId" = $1 ORDER BY id`, [directoryId]),
    sql(`SELECT "groupId", "userId", display FROM "GroupMember" WHERE "directoryId" = $1 ORDER BY "groupId", "userId"`, [directoryId]),
  ]);
  return { users, groups, members };
}
