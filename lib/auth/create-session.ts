import { transaction } from "@/lib/db/sql";
import { DomainError } from "@/lib/domain-error";
import { newId } from "@/lib/ids";
import { generateSessionToken } from "./session-token";

export const DEFAULT_SESSION_TTL_SECONDS = 7 * 24 * 60 * 60;
export const MAX_SESSION_TTL_SECONDS = 90 * 24 * 60 * 60;

export type SessionRow = { id: string; organizationId: string; accountId: string; createdAt: Date; expiresAt: Date; revokedAt: Date | null };

/**
 * Signs an account in: stores a session and returns its token in clear, this once. `organizationId`, when
 * given, is the caller's scope: an account outside it is "not found", like a missing one.
 */
export async function createSession({ accountId, organizationId, ttlSeconds = DEFAULT_SESSION_TTL_SECONDS }: { accountId: string; organizationId?: string; ttlSeconds?: number }) {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_SESSION_TTL_SECONDS) {
    throw new DomainError("INVALID_INPUT", `ttl must be between 1 second and ${MAX_SESSION_TTL_SECONDS / 86_400} days`, "ttlSeconds");
  }
  const { token, hash } = generateSessionToken();
  const session = await transaction(async (tx) => {
    // FOR SHARE waits for a deprovisioning that is deactivating this account right now, and then sees it:
    // otherwise a session could be born just after that deprovisioning revoked the account's sessions.
    const [account] = await tx.query<{ id: string; organizationId: string; status: string }>(
      `SELECT "id", "organizationId", "status" FROM "Account" WHERE "id" = $1 ${organizationId ? `AND "organizationId" = $2` : ""} FOR SHARE`,
      organizationId ? [accountId, organizationId] : [accountId],
    );
    if (!account) throw new DomainError("NOT_FOUND", `Account ${accountId} not found`, "account");
    if (account.status !== "active") throw new DomainError("INVALID_INPUT", `Account ${accountId} is deactivated: it cannot start a session`, "account");
    const [row] = await tx.query<SessionRow>(
      `INSERT INTO "Session" ("id", "organizationId", "accountId", "tokenHash", "expiresAt")
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))
       RETURNING "id", "organizationId", "accountId", "createdAt", "expiresAt", "revokedAt"`,
      [newId("ses"), account.organizationId, account.id, hash, ttlSeconds],
    );
    return row!;
  });
  return { session, token };
}
