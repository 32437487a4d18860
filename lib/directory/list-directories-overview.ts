import { countedSince, hourlyCountsSql } from "@/lib/audit/sync-log-hourly-counts";
import { byKeyNewestFirst } from "@/lib/db/by-key-newest-first";
import { sql } from "@/lib/db/sql";

export type DirectoryOverview = {
  id: string;
  organizationId: string;
  organizationName: string;
  organizationSlug: string;
  name: string;
  provider: string;
  syncMode: "FULL" | "DEPROVISION_ONLY";
  status: "PENDING" | "ACTIVE" | "DISABLED";
  createdAt: Date;
  userCount: number;
  groupCount: number;
  lastRequestAt: Date | null;
  requests24h: number;
  errors24h: number;
};

/**
 * Directories with what support asks first: how many users and groups, when the identity provider last
 * called, and how many of the last 24 hours' requests failed (401, 5xx or a timeout: not a 409 duplicate nor
 * deprovision-only's intended 403s). One organisation's, or one directory.
 * The user and group counts are index-only scans of ("directoryId", …), fast at 100,000 users; the 24-hour
 * figures add up SyncLogHourlyCount's rows for the directory (at most 24 hours × 8 slots).
 */
export async function listDirectoriesOverview({ organizationId, directoryId }: { organizationId?: string; directoryId?: string }): Promise<DirectoryOverview[]> {
  const params: unknown[] = [countedSince()];
  const where: string[] = [];
  if (organizationId) where.push(`d."organizationId" = $${params.push(organizationId)}`);
  if (directoryId) where.push(`d."id" = $${params.push(directoryId)}`);
  if (where.length === 0) throw new Error("listDirectoriesOverview needs an organisation or a directory");
  // The newest entry through ("directoryId", "id"), not the log's primary key (see byKeyNewestFirst).
  const dir = byKeyNewestFirst("l", "directoryId", `d."id"`);
  return sql.query<DirectoryOverview>(
    `SELECT d."id", d."organizationId", o."name" AS "organizationName", o."slug" AS "organizationSlug", d."name", d."provider"::text AS "provider",
            d."syncMode"::text AS "syncMode", d."status"::text AS "status", d."createdAt",
            (SELECT count(*)::int FROM "DirectoryUser" u WHERE u."directoryId" = d."id") AS "userCount",
            (SELECT count(*)::int FROM "DirectoryGroup" g WHERE g."directoryId" = d."id") AS "groupCount",
            (SELECT l."createdAt" FROM "SyncLogEntry" l WHERE ${dir.where} ORDER BY ${dir.newestFirst} LIMIT 1) AS "lastRequestAt",
            COALESCE(h."requests", 0) AS "requests24h", COALESCE(h."errors", 0) AS "errors24h"
       FROM "Directory" d
       JOIN "Organization" o ON o."id" = d."organizationId"
       LEFT JOIN LATERAL (${hourlyCountsSql(`c."directoryId" = d."id" AND c."organizationId" = d."organizationId"`, "$1")}) h ON true
      WHERE ${where.join(" AND ")}
      ORDER BY d."id"`,
    params,
  );
}
