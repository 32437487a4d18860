import { likeEscape } from "@/lib/db/like-escape";
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

/** A page of the console's user search: `after` is the last id of the page before. */
type UserSearch = { directoryId: string; organizationId: string; q?: string; limit: number; after?: string };

/** The columns the console's search looks inside. */
const SEARCHED = ["userName", "email", "displayName", "givenName", "familyName"] as const;

/**
 * The five columns joined, exactly as the expression of the trigram index "DirectoryUser_search_idx" (migration
 * 20261207090000): the planner uses an expression index only for the same expression.
 */
const SEARCH_TEXT = SEARCHED.map((column) => `coalesce(u."${column}"::text, '')`).join(` || E'\\n' || `);

/**
 * One page of a directory's users for the console, in id order; the last id is the cursor, so every page is
 * a walk of the ("directoryId", "id") index from there, never an OFFSET. `q` matches an exact id or
 * externalId, or text inside userName, email, display name, given name or family name, in any case. Text is
 * matched with ILIKE, which the trigram (pg_trgm) GIN index over the five columns joined answers for terms of three
 * characters or more: at 100,000 users a rare name is found through the index instead of a walk of the whole
 * directory (a common one still fills its page from the id walk, whichever the planner finds cheaper). Each column
 * is then checked on its own, so that a term never matches across two of them.
 */
export async function searchDirectoryUsers(input: UserSearch) {
  const { text, params } = searchDirectoryUsersQuery(input);
  return pageOf(await sql.query<DirectoryUserRow>(text, params), input.limit);
}

/** The statement of searchDirectoryUsers, on its own so that bench:console can show the plan of the real one. */
export function searchDirectoryUsersQuery({ directoryId, organizationId, q, limit, after }: UserSearch) {
  const params: unknown[] = [directoryId, organizationId];
  const where = [`u."directoryId" = $1`, `u."organizationId" = $2`];
  const term = q?.trim();
  if (term) {
    const exact = params.push(term);
    const like = params.push(`%${likeEscape(term)}%`);
    const each = SEARCHED.map((column) => `u."${column}"::text ILIKE $${like}`);
    where.push(`(u."id" = $${exact} OR u."externalId" = $${exact} OR ((${SEARCH_TEXT}) ILIKE $${like} AND (${each.join(" OR ")})))`);
  }
  if (after) where.push(`u."id" > $${params.push(after)}`);
  const text = `SELECT u."id", u."userName"::text AS "userName", u."email"::text AS "email", u."displayName"::text AS "displayName",
            u."givenName"::text AS "givenName", u."familyName"::text AS "familyName", u."externalId", u."active", u."updatedAt"
       FROM "DirectoryUser" u WHERE ${where.join(" AND ")}
      ORDER BY u."directoryId", u."id" LIMIT ${limit + 1}`;
  return { text, params };
}
