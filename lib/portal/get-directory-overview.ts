import { sql } from "@/lib/db/sql";

export type DirectoryOverview = {
  users: number;
  activeUsers: number;
  inactiveUsers: number;
  groups: number;
  /**
   * The directory's people with an active account in the host product. In deprovision-only mode an account is
   * made at the person's first SSO sign-in, so this is what separates "known to the directory" from "can use
   * the product" (issue 15, part 3).
   */
  withAccount: number;
};

/** The counts the portal's overview shows, for one directory of one organisation. */
export async function getDirectoryOverview({ organizationId, directoryId }: { organizationId: string; directoryId: string }): Promise<DirectoryOverview> {
  const [row] = await sql.query<{ users: number; active: number; groups: number; withAccount: number }>(
    // One pass over the directory's users for the user counts: the overview polls this every two seconds.
    `SELECT u."users", u."active",
            (SELECT count(*)::int FROM "DirectoryGroup" WHERE "organizationId" = $1 AND "directoryId" = $2) AS "groups",
            (SELECT count(*)::int FROM "Account" a JOIN "DirectoryUser" d ON d."id" = a."directoryUserId" AND d."organizationId" = $1
              WHERE a."organizationId" = $1 AND d."directoryId" = $2 AND a."status" = 'active') AS "withAccount"
       FROM (SELECT count(*)::int AS "users", (count(*) FILTER (WHERE "active"))::int AS "active"
               FROM "DirectoryUser" WHERE "organizationId" = $1 AND "directoryId" = $2) u`,
    [organizationId, directoryId],
  );
  const users = row?.users ?? 0;
  const activeUsers = row?.active ?? 0;
  return { users, activeUsers, inactiveUsers: users - activeUsers, groups: row?.groups ?? 0, withAccount: row?.withAccount ?? 0 };
}
