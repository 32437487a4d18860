import { sql } from "@/lib/db/sql";
import { parseFilter, parsePatchPath } from "@/lib/scim/filter";
import { ScimError } from "@/lib/scim/errors";
import type { ListQuery } from "@/lib/scim/requests";
import { filterToSql, sortToSql, type SqlMapping } from "./filter-to-sql";
import type { ResourceRow } from "./resource-row";


type Table = { name: "DirectoryUser" | "DirectoryGroup"; alias: "u" | "g"; mapping: SqlMapping };

/**
 * One page of a directory's users or groups (RFC 7644 §3.4.2): the filter becomes SQL with bound
 * parameters, the count is exact, and the order is stable (the sort key, then the id) so that pages
 * neither repeat nor skip rows.
 */
export async function queryResources(table: Table, directoryId: string, query: ListQuery) {
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
  const [countRows, rows] = await Promise.all([
    sql.query<{ total: number }>(`SELECT count(*)::int AS total FROM ${from}`, params),
    query.count === 0
      ? Promise.resolve([] as ResourceRow[])
      : sql.query<ResourceRow>(
          `SELECT ${alias}."id", ${alias}."attributes", ${alias}."version", ${alias}."createdAt", ${alias}."updatedAt"
             FROM ${from} ORDER BY ${order} LIMIT ${query.count} OFFSET ${offset}`,
          params,
        ),
  ]);
  return { totalResults: countRows[0]?.total ?? 0, rows };
}
