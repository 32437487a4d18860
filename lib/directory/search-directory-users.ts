import { sql } from "@/lib/db/sql";
import { pageOf } from "@/lib/db/page-of";

export type DirectoryUserRow = {
  id: string;
  userName: string;
  email: string | null;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  externalId: string | null;
  active: boolean;
  updatedAt: Date;
};

/**
 * One page of a directory's users for the console, in id order; the last id is the cursor, so every page is
 * a walk of the ("directoryId", "id") index from there, never an OFFSET. `q` matches an exact id or
 * externalId, or text inside userName, email or display name, in any case. A text search filters that same
 * walk and stops as soon as the page is full.
 */
export async function searchDirectoryUsers({ directoryId, organizationId, q, limit, after }: { directoryId: string; organizationId: string; q?: string; limit: number; after?: string }) {
  const params: unknown[] = [directoryId, organizationId];
  const where = [`u."directoryId" = $1`, `u."organizationId" = $2`];
  const term = q?.trim();
  if (term) {
    const exact = params.push(term);
    const lower = params.push(term.toLowerCase());
    where.push(`(u."id" = $${exact} OR u."externalId" = $${exact}
      OR strpos(lower(u."userName"::text), $${lower}) > 0 OR strpos(lower(COALESCE(u."email"::text, '')), $${lower}) > 0
      OR strpos(lower(COALESCE(u."displayName"::text, '')), $${lower}) > 0)`);
  }
  if (after) where.push(`u."id" > $${params.push(after)}`);
  const rows = await sql.query<DirectoryUserRow>(
    `SELECT u."id", u."userName"::text AS "userName", u."email"::text AS "email", u."displayName"::text AS "displayName",
            u."givenName"::text AS "givenName", u."familyName"::text AS "familyName", u."externalId", u."active", u."updatedAt"
       FROM "DirectoryUser" u WHERE ${where.join(" AND ")}
      ORDER BY u."directoryId", u."id" LIMIT ${limit + 1}`,
    params,
  );
  return pageOf(rows, limit);
}
