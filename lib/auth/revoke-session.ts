import { sql } from "@/lib/db/sql";
import { DomainError } from "@/lib/domain-error";
import type { SessionRow } from "./create-session";

/**
 * Ends a session at once. Revoking one that is already revoked keeps its first revocation time, so the
 * call is safe to repeat. Outside the caller's organisation (`organizationId`) a session is "not found".
 */
export async function revokeSession({ sessionId, organizationId }: { sessionId: string; organizationId?: string }): Promise<SessionRow> {
  const params: unknown[] = [sessionId];
  if (organizationId) params.push(organizationId);
  const [row] = await sql.query<SessionRow>(
    `UPDATE "Session" SET "revokedAt" = COALESCE("revokedAt", now())
      WHERE "id" = $1 ${organizationId ? `AND "organizationId" = $2` : ""}
      RETURNING "id", "organizationId", "accountId", "createdAt", "expiresAt", "revokedAt"`,
    params,
  );
  if (!row) throw new DomainError("NOT_FOUND", `Session ${sessionId} not found`, "session");
  return row;
}
