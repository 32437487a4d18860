import type { SignInAttempt } from "@/lib/db/generated/client";

/** One sign-in log entry as the API shows it. The code, its hash and the OIDC verifier never leave. */
export function toApiSignIn(row: SignInAttempt) {
  return {
    id: row.id,
    organization_id: row.organizationId,
    connection_id: row.connectionId,
    connection_type: row.protocol,
    test: row.test,
    status: row.status,
    error: row.errorCode,
    reason: row.reason,
    subject: row.subject,
    email: row.email,
    account_id: row.accountId,
    account_created: row.accountCreated,
    redirect_uri: row.redirectUri,
    created_at: row.createdAt.toISOString(),
    completed_at: row.completedAt?.toISOString() ?? null,
  };
}
