import { sql } from "@/lib/db/sql";

export type DirectoryOverview = { users: number; activeUsers: number; inactiveUsers: number; groups: number };

/** The counts the portal's overview shows, for one directory of one organisation. */
export async function getDirectoryOverview({ organizationId, directoryId }: { organizationId: string; directoryId: string }): Promise<DirectoryOverview> {
  const [row] = await sql.query<{ users: number; active: number; groups: number }>(
    // One pass over the directory's users for both counts: the overview polls this every two seconds.
    `SELECT u."users", u."active", (SELECT count(*)::int FROM "DirectoryGroup" WHERE "organizationId" = $1 AND "directoryId" = $2) AS "groups"
       FROM (SELECT count(*)::int AS "users", (count(*) FILTER (WHERE "active"))::int AS "active"
               FROM "DirectoryUser" WHERE "organizationId" = $1 AND "directoryId" = $2) u`,
    [organizationId, directoryId],
  );
  const users = row?.users ?? 0;
  const activeUsers = row?.active ?? 0;
  return { users, activeUsers, inactiveUsers: users - activeUsers, groups: row?.groups ?? 0 };
}
