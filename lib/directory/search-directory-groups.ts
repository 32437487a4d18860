import { sql } from "@/lib/db/sql";
import { pageOf } from "@/lib/db/page-of";

export type DirectoryGroupRow = { id: string; displayName: string; externalId: string | null; memberCount: number; updatedAt: Date };

/** One page of a directory's groups with member counts, in id order (keyset); `q` matches text in the name or an exact id or externalId. */
export async function searchDirectoryGroups({ directoryId, organizationId, q, limit, after }: { directoryId: string; organizationId: string; q?: string; limit: number; after?: string }) {
  const params: unknown[] = [directoryId, organizationId];
  const where = [`g."directoryId" = $1`, `g."organizationId" = $2`];
  const term = q?.trim();
  if (term) {
    const exact = params.push(term);
    where.push(`(g."id" = $${exact} OR g."externalId" = $${exact} OR strpos(lower(g."displayName"::text), $${params.push(term.toLowerCase())}) > 0)`);
  }
  if (after) where.push(`g."id" > $${params.push(after)}`);
  const rows = await sql.query<DirectoryGroupRow>(
    `SELECT g."id", g."displayName"::text AS "displayName", g."externalId", g."updatedAt",
            (SELECT count(*)::int FROM "GroupMember" m WHERE m."groupId" = g."id") AS "memberCount"
       FROM "DirectoryGroup" g WHERE ${where.join(" AND ")}
      ORDER BY g."directoryId", g."id" LIMIT ${limit + 1}`,
    params,
  );
  return pageOf(rows, limit);
}
