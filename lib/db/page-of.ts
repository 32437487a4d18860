/**
 * A keyset page from `limit + 1` rows fetched in id order: the first `limit` rows, and the last one's id as the
 * cursor when the extra row shows that there is more.
 */
export function pageOf<T extends { id: string }>(rows: T[], limit: number): { data: T[]; nextCursor: string | null } {
  const data = rows.slice(0, limit);
  return { data, nextCursor: rows.length > limit ? data.at(-1)!.id : null };
}
