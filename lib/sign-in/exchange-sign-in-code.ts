import { createHash } from "node:crypto";
import { createSession } from "@/lib/auth/create-session";
import { hashToken } from "@/lib/auth/scim-token";
import { db } from "@/lib/db/client";
import type { SignInAttempt } from "@/lib/db/generated/client";
import { DomainError } from "@/lib/domain-error";
import type { StoredSignInProfile } from "./finish-sign-in";

export type SignInExchange = {
  profile: Omit<StoredSignInProfile, "account" | "would_create_account">;
  account: StoredSignInProfile["account"];
  session?: { id: string; token: string; expires_at: Date };
};

/** A code that cannot be exchanged: RFC 6749 §5.2 `invalid_grant`. */
export class InvalidGrantError extends DomainError {
  constructor(message: string) {
    super("INVALID_INPUT", message, "code");
  }
}

/**
 * POST /api/v1/sso/token. Consumes the code once (one UPDATE decides, whatever the number of instances), then
 * checks that it has not expired, that redirect_uri is the one the sign-in started with, and the PKCE verifier
 * (RFC 7636 §4.6). A code presented a second time is refused and revokes the session its first use issued
 * (RFC 6749 §4.1.2). An organisation's key sees only its organisation's codes: another's is "unknown".
 */
export async function exchangeSignInCode({
  code,
  redirectUri,
  codeVerifier,
  organizationScope,
  session,
}: {
  code: string;
  redirectUri: string;
  codeVerifier?: string;
  /** The API key's organisation; null for a global key. */
  organizationScope: string | null;
  /** Issue a session (`rc_ses_…`) for the account, with this lifetime. */
  session?: { ttlSeconds?: number } | false;
}): Promise<SignInExchange> {
  const hash = hashToken(code);
  const [attempt] = await db.$queryRaw<SignInAttempt[]>`
    UPDATE "SignInAttempt" SET "codeUsedAt" = now()
     WHERE "codeHash" = ${hash} AND "codeUsedAt" IS NULL AND (${organizationScope}::text IS NULL OR "organizationId" = ${organizationScope})
     RETURNING *`;
  if (!attempt) {
    const used = await db.signInAttempt.findFirst({
      where: { codeHash: hash, codeUsedAt: { not: null }, ...(organizationScope ? { organizationId: organizationScope } : {}) },
      select: { id: true, organizationId: true, sessionId: true },
    });
    if (used) {
      if (used.sessionId) {
        await db.session.updateMany({ where: { id: used.sessionId, organizationId: used.organizationId, revokedAt: null }, data: { revokedAt: new Date() } });
      }
      throw new InvalidGrantError("The code was already used. Codes work once; the session issued with it has been revoked");
    }
    throw new InvalidGrantError("The code is unknown");
  }
  if (!attempt.codeExpiresAt || attempt.codeExpiresAt.getTime() <= Date.now()) throw new InvalidGrantError("The code has expired: codes work for 5 minutes");
  if (attempt.redirectUri !== redirectUri) throw new InvalidGrantError("redirect_uri differs from the one the sign-in started with");
  if (attempt.codeChallenge) {
    if (!codeVerifier) throw new InvalidGrantError("code_verifier is required: the sign-in started with a code_challenge");
    const challenge = createHash("sha256").update(codeVerifier).digest("base64url");
    if (challenge !== attempt.codeChallenge) throw new InvalidGrantError("code_verifier does not match the code_challenge");
  } else if (codeVerifier !== undefined) {
    throw new InvalidGrantError("code_verifier was sent, but the sign-in started without a code_challenge");
  }

  const { account, would_create_account: _unused, ...profile } = attempt.profile as unknown as StoredSignInProfile;
  void _unused;
  const result: SignInExchange = { profile, account };
  if (session && account) {
    const issued = await createSession({ accountId: account.id, organizationId: attempt.organizationId, ttlSeconds: session.ttlSeconds });
    await db.signInAttempt.update({ where: { id: attempt.id }, data: { sessionId: issued.session.id } });
    result.session = { id: issued.session.id, token: issued.token, expires_at: issued.session.expiresAt };
  }
  return result;
}
