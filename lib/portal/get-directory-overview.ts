import { sql } from "@/lib/db/sql";

export type DirectoryOverview = { users: number; activeUsers: number; inactiveUsers: number; groups: number };

/** The counts the portal's overview shows, for one directory of one organisation. */
export async function getDirectoryOverview({ organizationId, directoryId }: { organizationId: string; directoryId: string }): Promise<DirectoryOverview> {
  const [row] = await sql.query<{ users: number; active: number; groups: number }>(
    `SELECT (SELECT count(*)::int FROM "DirectoryUser" WHERE "organizationId" = $1 AND "directoryId" = $2) AS "users",
            (SELECT count(*)::int FROM "DirectoryUser" WHERE "organizationId" = $1 AND "directoryId" = $2 AND "active") AS "active",
            (SELECT count(*)::int FROM "DirectoryGroup" WHERE "organizationId" = $1 AND "directoryId" = $2) AS "groups"`,
    [organizationId, directoryId],
  );
  const users = row?.users ?? 0;
  const activeUsers = row?.active ?? 0;
  return { users, activeUsers, inactiveUsers: users - activeUsers, groups: row?.groups ?? 0 };
}
