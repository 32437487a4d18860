import { sql } from "@/lib/db/sql";
import { hashToken } from "./scim-token";
import { SESSION_TOKEN_PREFIX } from "./session-token";

export type SessionRejection = "revoked" | "expired" | "account_deactivated" | "unknown";

export type VerifiedAccount = {
  id: string; organizationId: string; email: string; name: string | null; status: "active" | "deactivated";
  source: "scim" | "jit" | "manual"; directoryUserId: string | null; createdAt: Date; updatedAt: Date; deactivatedAt: Date | null;
};

export type SessionVerification =
  | { valid: true; session: { id: string; createdAt: Date; expiresAt: Date }; account: VerifiedAccount }
  | { valid: false; reason: SessionRejection };

type Row = { sessionId: string; sessionCreatedAt: Date; expiresAt: Date; revokedAt: Date | null; expired: boolean } & VerifiedAccount;

/**
 * Is this session token good right now? A deactivated account's sessions are refused even if they were
 * somehow not revoked, so deprovisioning takes effect on the next check whatever else happened. A token
 * outside the caller's organisation (`organizationId`) is "unknown", exactly like one that never existed.
 */
export async function verifySession({ token, organizationId }: { token: string; organizationId?: string }): Promise<SessionVerification> {
  if (!token.startsWith(SESSION_TOKEN_PREFIX) || token.length > 200) return { valid: false, reason: "unknown" };
  const params: unknown[] = [hashToken(token)];
  if (organizationId) params.push(organizationId);
  const [row] = await sql.query<Row>(
    `SELECT s."id" AS "sessionId", s."createdAt" AS "sessionCreatedAt", s."expiresAt", s."revokedAt", s."expiresAt" <= now() AS "expired",
            a."id", a."organizationId", a."email"::text AS "email", a."name", a."status", a."source", a."directoryUserId",
            a."createdAt", a."updatedAt", a."deactivatedAt"
       FROM "Session" s
       JOIN "Account" a ON a."id" = s."accountId" AND a."organizationId" = s."organizationId"
      WHERE s."tokenHash" = $1 ${organizationId ? `AND s."organizationId" = $2` : ""}`,
    params,
  );
  if (!row) return { valid: false, reason: "unknown" };
  // The account's state first: after a deprovisioning it is the reason that matters, even though the
  // session was revoked too.
  if (row.status !== "active") return { valid: false, reason: "account_deactivated" };
  if (row.revokedAt) return { valid: false, reason: "revoked" };
  if (row.expired) return { valid: false, reason: "expired" };
  const { sessionId, sessionCreatedAt, expiresAt, revokedAt: _revokedAt, expired: _expired, ...account } = row;
  return { valid: true, session: { id: sessionId, createdAt: sessionCreatedAt, expiresAt }, account };
}
