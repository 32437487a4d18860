/**
 * SQL for "the newest rows of one key" in a correlated subquery, over an index on (key, "id"): the condition and
 * the order, as in `WHERE ${k.where} ORDER BY ${k.newestFirst} LIMIT 1` with `k = byKeyNewestFirst("l", "directoryId", 'd."id"')`.
 *
 * Why not `l."directoryId" = d."id" ORDER BY l."id" DESC`: with the key equal to an outer column, PostgreSQL treats
 * it as a constant and drops it from the order, so the primary key on "id" (time-ordered, perfectly correlated
 * with the table) looks cheaper than the (key, "id") index, and it walks the whole log backwards filtering on the
 * key. That is fast while the key has recent rows and a full scan for a key with none: one new directory, still
 * awaiting its first request, made the console's organisation list read a million-entry log four times (4.4 s).
 * A key matched as a closed range is not an equality, so the order keeps it and only the (key, "id") index can
 * give that order without sorting: every walk starts at the key's own rows, found or not in a few pages.
 */
export function byKeyNewestFirst(alias: string, key: string, outer: string) {
  const column = `${alias}."${key}"`;
  return {
    where: `${column} >= ${outer} AND ${column} <= ${outer}`,
    newestFirst: `${column} DESC, ${alias}."id" DESC`,
    oldestFirst: `${column}, ${alias}."id"`,
  };
}
