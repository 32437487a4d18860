import type { ScimRequestLog } from "@/lib/audit/scim-request-log";
import { sql } from "@/lib/db/sql";
import { parseFilter, parsePatchPath } from "@/lib/scim/filter";
import { ScimError } from "@/lib/scim/errors";
import type { ListQuery } from "@/lib/scim/requests";
import { filterToSql, sortToSql, type SqlMapping } from "./filter-to-sql";
import type { ResourceRow } from "./resource-row";

type Table = { name: "DirectoryUser" | "DirectoryGroup"; alias: "u" | "g"; mapping: SqlMapping };

/**
 * What a list page's statement adds for each resource: a CTE (which may read `page`, the page's ids, and `$1`, the
 * directory), a join to it and the columns it gives, such as a user's groups (lib/directory/load-user-groups.ts).
 */
export type PageJoin = { with: string; join: string; columns: string };

/**
 * One page of a directory's users or groups (RFC 7644 §3.4.2): the filter becomes SQL with bound
 * parameters, the count is exact, and the order is stable (the sort key, then the id) so that pages
 * neither repeat nor skip rows.
 *
 * Issue 13: one statement, not two or three. The page's ids and the exact total are CTEs of it (see below);
 * `pageJoin` (a user's groups) is read for the whole page in the same statement; and with `log`, the request's
 * sync-log entry is inserted by the same statement, so a list is one round trip whatever it holds.
 */
export async function queryResources(
  table: Table, directoryId: string, query: ListQuery,
  { log, pageJoin }: { log?: ScimRequestLog; pageJoin?: PageJoin } = {},
) {
  const params: unknown[] = [directoryId];
  const { alias } = table;
  let where = `${alias}."directoryId" = $1`;
  if (query.filter !== undefined) where += ` AND (${filterToSql(parseFilter(query.filter), table.mapping, params)})`;

  // Leading with the (constant) directoryId lets Postgres walk the ("directoryId", "id") index instead of
  // the primary key, which would visit every other tenant's rows on the way to an OFFSET.
  let order = `${alias}."directoryId", ${alias}."id"`;
  if (query.sortBy !== undefined) {
    const parsed = parsePatchPath(query.sortBy);
    if (parsed.valueFilter) throw new ScimError(400, "invalidValue", `sortBy "${query.sortBy}" must name an attribute, not a filter`);
    // RFC 7644 §3.4.2.3: ascending unless sortOrder says otherwise.
    const direction = query.sortOrder === "descending" ? "DESC" : "ASC";
    order = `${sortToSql(parsed.path, table.mapping)} ${direction} NULLS LAST, ${alias}."id" ${direction}`;
  }

  const from = `"${table.name}" ${alias} WHERE ${where}`;
  const offset = query.startIndex - 1;
  if (query.count === 0) {
    const [row] = await loggedRead(log, () => sql.query<{ total: number }>(
      `${log ? `WITH log AS (${log.insertForRead(params)}) ` : ""}SELECT count(*)::int AS total FROM ${from}`, params));
    return { totalResults: row?.total ?? 0, rows: [] as ResourceRow[] };
  }
  // Bound, not written into the text: the text is then one prepared statement whatever the page (lib/db/sql.ts).
  const pageParams = `$${params.push(query.count)} OFFSET $${params.push(offset)}`;
  // The page's ids come from the index in order and stop at the page's end; the total is a count of its own (a count
  // reads no columns and sorts nothing, where `count(*) OVER ()` had every matching row go through a window and a
  // sort). The page's rows are then read by `"id" = ANY(ARRAY(…))`: probes of the (directoryId, id) index. A join to
  // the page let the planner, whose statistics had not seen a new directory's users yet ("13 rows" for 2,000), hash
  // the whole directory for every page (lib/directory/group-members.ts has the same story). An empty page still owes
  // the caller the total (RFC 7644 §3.4.2.4): the outer join then yields one row without a resource. One statement.
  const rows = await loggedRead(log, () => sql.query<ResourceRow & { total: number }>(
    `WITH ${log ? `log AS (${log.insertForRead(params)}), ` : ""}page AS (
       SELECT ${alias}."id" FROM ${from} ORDER BY ${order} LIMIT ${pageParams}
     ), counted AS (
       SELECT count(*)::int AS "total" FROM ${from}
     )${pageJoin ? `, ${pageJoin.with}` : ""}
     SELECT ${alias}."id", ${alias}."attributes", ${alias}."version", ${alias}."createdAt", ${alias}."updatedAt", counted."total"${pageJoin?.columns ?? ""}
       FROM counted
       LEFT JOIN "${table.name}" ${alias} ON ${alias}."directoryId" = $1 AND ${alias}."id" = ANY(ARRAY(SELECT "id" FROM page))
       ${pageJoin?.join ?? ""}
      ORDER BY ${order}`,
    params,
  ));
  return { totalResults: rows[0]?.total ?? 0, rows: rows.filter((r) => r.id !== null) as ResourceRow[] };
}

/** Runs a statement that inserts `log`'s entry; if it fails, nothing of it is kept, so the wrapper writes the error's entry. */
export async function loggedRead<T>(log: ScimRequestLog | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    log?.notWritten();
    throw err;
  }
}
