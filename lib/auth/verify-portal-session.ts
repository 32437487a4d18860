import { sql } from "@/lib/db/sql";
import { hashToken } from "./scim-token";
import { PORTAL_SESSION_PREFIX } from "./setup-link-token";

/** The link behind a portal session: what it covers, and who issued it (for its authority and the audit trail). */
export type PortalSetupLink = {
  id: string;
  intent: "sso" | "dsync" | "all";
  expiresAt: Date;
  prefix: string;
  /** "cli", "api:<key id>" or "staff:<email>". */
  createdBy: string;
  /** The issuing staff member's console role; null for the CLI and the API. */
  issuerRole: "admin" | "support" | null;
};

export type PortalPrincipal = {
  sessionId: string;
  sessionExpiresAt: Date;
  organization: { id: string; slug: string; name: string };
  setupLink: PortalSetupLink;
};

export type PortalSessionVerification = { valid: true; principal: PortalPrincipal } | { valid: false; reason: "unknown" | "expired" | "revoked" };

type Row = {
  sessionId: string; sessionExpiresAt: Date; linkId: string; intent: "sso" | "dsync" | "all"; linkExpiresAt: Date;
  prefix: string; createdBy: string; issuerRole: "admin" | "support" | null;
  revokedAt: Date | null; expired: boolean; organizationId: string; slug: string; name: string;
};

/**
 * Is this portal cookie good right now? The link is re-checked on every request, so revoking a link (or its
 * expiry) ends the sessions it opened at once. The organisation comes from this lookup alone: a portal request
 * never names its tenant.
 */
export async function verifyPortalSession({ token }: { token: string }): Promise<PortalSessionVerification> {
  if (!token.startsWith(PORTAL_SESSION_PREFIX) || token.length > 200) return { valid: false, reason: "unknown" };
  const [row] = await sql.query<Row>(
    `SELECT s."id" AS "sessionId", s."expiresAt" AS "sessionExpiresAt", l."id" AS "linkId", l."intent", l."expiresAt" AS "linkExpiresAt",
            l."prefix", l."createdBy", l."issuerRole"::text AS "issuerRole",
            l."revokedAt", (s."expiresAt" <= now() OR l."expiresAt" <= now()) AS "expired",
            o."id" AS "organizationId", o."slug", o."name"
       FROM "PortalSession" s
       JOIN "SetupLink" l ON l."id" = s."setupLinkId" AND l."organizationId" = s."organizationId"
       JOIN "Organization" o ON o."id" = s."organizationId"
      WHERE s."tokenHash" = $1`,
    [hashToken(token)],
  );
  if (!row) return { valid: false, reason: "unknown" };
  if (row.revokedAt) return { valid: false, reason: "revoked" };
  if (row.expired) return { valid: false, reason: "expired" };
  return {
    valid: true,
    principal: {
      sessionId: row.sessionId,
      sessionExpiresAt: row.sessionExpiresAt,
      organization: { id: row.organizationId, slug: row.slug, name: row.name },
      setupLink: { id: row.linkId, intent: row.intent, expiresAt: row.linkExpiresAt, prefix: row.prefix, createdBy: row.createdBy, issuerRole: row.issuerRole },
    },
  };
}
