import { countedSince, hourlyCountsSql } from "@/lib/audit/sync-log-hourly-counts";
import { byKeyNewestFirst } from "@/lib/db/by-key-newest-first";
import { sql } from "@/lib/db/sql";
import { likeEscape } from "@/lib/db/like-escape";
import { pageOf } from "@/lib/db/page-of";

export type OrganizationOverview = {
  id: string;
  name: string;
  slug: string;
  domains: string[];
  createdAt: Date;
  directoryCount: number;
  /** The SSO connection's protocol as configured in the setup portal, or null when there is none. */
  ssoProtocol: "saml" | "oidc" | null;
  ssoProvider: string | null;
  lastRequestAt: Date | null;
  requests24h: number;
  errors24h: number;
};

/**
 * One page of organisations for the console, newest first, each with its directory health: the last SCIM
 * request and how many of the last 24 hours' requests failed (401, 5xx or a timeout: not a 409 duplicate nor deprovision-only's intended 403s). `q` finds a name or domain
 * containing it, a slug starting with it, or an exact id. The last request is the newest entry of the sync log's
 * ("organizationId", "id") index; the 24-hour figures add up at most 24 hours × 8 slots of SyncLogHourlyCount per
 * directory, whatever the traffic.
 */
export async function listOrganizationsOverview({ q, limit, after, organizationId }: { q?: string; limit: number; after?: string; organizationId?: string }) {
  const params: unknown[] = [countedSince()];
  const where: string[] = [];
  const term = q?.trim();
  if (term) {
    const p = params.push(term);
    const like = params.push(`%${likeEscape(term)}%`);
    const prefix = params.push(`${likeEscape(term.toLowerCase())}%`);
    where.push(`(o."name" ILIKE $${like} OR o."slug" LIKE $${prefix} OR o."id" = $${p} OR EXISTS (SELECT 1 FROM unnest(o."domains") dom WHERE dom ILIKE $${like}))`);
  }
  if (organizationId) where.push(`o."id" = $${params.push(organizationId)}`);
  if (after) where.push(`o."id" < $${params.push(after)}`);
  // The newest entry through ("organizationId", "id"), not the log's primary key (see byKeyNewestFirst).
  const org = byKeyNewestFirst("l", "organizationId", `o."id"`);
  const rows = await sql.query<OrganizationOverview>(
    `SELECT o."id", o."name", o."slug", o."domains", o."createdAt",
            (SELECT count(*)::int FROM "Directory" d WHERE d."organizationId" = o."id") AS "directoryCount",
            sso."protocol"::text AS "ssoProtocol", sso."provider"::text AS "ssoProvider",
            last."createdAt" AS "lastRequestAt",
            COALESCE(h."requests", 0) AS "requests24h", COALESCE(h."errors", 0) AS "errors24h"
       FROM "Organization" o
       LEFT JOIN "SsoConnection" sso ON sso."organizationId" = o."id"
       LEFT JOIN LATERAL (SELECT l."createdAt" FROM "SyncLogEntry" l WHERE ${org.where} ORDER BY ${org.newestFirst} LIMIT 1) last ON true
       LEFT JOIN LATERAL (${hourlyCountsSql(`c."organizationId" = o."id"`, "$1")}) h ON true
      ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY o."id" DESC
      LIMIT ${limit + 1}`,
    params,
  );
  return pageOf(rows, limit);
}
