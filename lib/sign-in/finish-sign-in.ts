import { randomBytes } from "node:crypto";
import { resolveSignInAccount, type ResolvedSignIn } from "@/lib/accounts/resolve-sign-in-account";
import { hashToken } from "@/lib/auth/scim-token";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import type { Prisma, SignInAttempt, SsoConnection } from "@/lib/db/generated/client";
import { newId } from "@/lib/ids";
import { isSignInError, SignInError } from "./sign-in-error";
import type { SignInProfile } from "./sign-in-profile";

/** RFC 6749 §4.1.2 recommends a short lifetime; the issue settles on 5 minutes. */
export const SIGN_IN_CODE_TTL_MS = 5 * 60 * 1000;
export const SIGN_IN_CODE_PREFIX = "rc_code_";

/** Where the browser goes after the IdP: the host's redirect_uri, the portal's test result, or an error page. */
export type SignInExit = { kind: "redirect"; url: string } | { kind: "page"; attemptId: string | null; error: SignInError };

/** The profile as the code exchange and the portal's test show it (snake_case, like the rest of the API). */
export type StoredSignInProfile = {
  id: string | null;
  organization_id: string;
  connection_id: string | null;
  connection_type: "saml" | "oidc" | null;
  idp_id: string;
  idp_id_format: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  groups: { id: string; name: string }[];
  raw_attributes: Record<string, unknown>;
  account: { id: string; email: string; status: "active"; source: string; created: boolean } | null;
  /** A test sign-in: whether a real one would create the account. */
  would_create_account?: boolean;
};

/**
 * After a valid IdP response: applies the JIT rules and ends the attempt. A real sign-in gets a one-time code
 * (32 random bytes; only its SHA-256 is stored; single use; 5 minutes) and goes back to the host's
 * redirect_uri with the host's state. A test sign-in writes nothing but the log entry and shows the portal's
 * result page. A refusal is recorded with its reason and goes back as ?error=…&error_description=….
 */
export async function finishSignIn(attempt: SignInAttempt, profile: SignInProfile): Promise<SignInExit> {
  let resolved: ResolvedSignIn;
  try {
    resolved = await resolveSignInAccount({ organizationId: attempt.organizationId, profile, test: attempt.test });
  } catch (err) {
    return failSignIn({ attempt, error: err, profile });
  }
  const stored = toStoredProfile(attempt, profile, resolved);
  if (attempt.test) {
    await db.signInAttempt.update({
      where: { id: attempt.id },
      data: { status: "succeeded", subject: profile.idpId, email: profile.email, profile: stored as unknown as Prisma.InputJsonValue, completedAt: new Date() },
    });
    return { kind: "redirect", url: testResultUrl(attempt.id) };
  }
  const code = `${SIGN_IN_CODE_PREFIX}${randomBytes(32).toString("base64url")}`;
  await db.signInAttempt.update({
    where: { id: attempt.id },
    data: {
      status: "succeeded",
      subject: profile.idpId,
      email: profile.email,
      profile: stored as unknown as Prisma.InputJsonValue,
      accountId: resolved.account?.id ?? null,
      accountCreated: resolved.created,
      codeHash: hashToken(code),
      codeExpiresAt: new Date(Date.now() + SIGN_IN_CODE_TTL_MS),
      completedAt: new Date(),
    },
  });
  return { kind: "redirect", url: withParams(attempt.redirectUri!, { code, state: attempt.state ?? "" }) };
}

/**
 * Records a refusal and says where the browser goes: back to the host with the error (when the attempt is
 * known and has a redirect_uri), the portal's test result, or an error page. Without an attempt (an
 * unsolicited or unknown response) a failed entry is still written to the organisation's sign-in log.
 */
export async function failSignIn({
  attempt,
  error,
  organizationId,
  connection,
  profile,
}: {
  attempt?: SignInAttempt | null;
  error: unknown;
  organizationId?: string;
  connection?: Pick<SsoConnection, "id" | "protocol"> | null;
  profile?: SignInProfile;
}): Promise<SignInExit> {
  const refusal = isSignInError(error) ? error : unexpected(error);
  const fields = { status: "failed" as const, errorCode: refusal.code, reason: `${refusal.reason}: ${refusal.message}`.slice(0, 2000), subject: profile?.idpId ?? null, email: profile?.email ?? null, completedAt: new Date() };
  console.warn(`SSO sign-in refused (${refusal.code}, ${refusal.reason})${attempt ? ` attempt ${attempt.id}` : ""}${organizationId ? ` organization ${organizationId}` : ""}`);
  if (attempt) {
    await db.signInAttempt.update({ where: { id: attempt.id }, data: fields });
    if (attempt.test) return { kind: "redirect", url: testResultUrl(attempt.id) };
    if (attempt.redirectUri) {
      return { kind: "redirect", url: withParams(attempt.redirectUri, { error: refusal.code, error_description: refusal.message, state: attempt.state ?? "" }) };
    }
    return { kind: "page", attemptId: attempt.id, error: refusal };
  }
  let attemptId: string | null = null;
  if (organizationId && (await db.organization.findUnique({ where: { id: organizationId }, select: { id: true } }))) {
    attemptId = newId("sgn");
    await db.signInAttempt.create({
      data: { id: attemptId, organizationId, connectionId: connection?.id ?? null, protocol: connection?.protocol ?? null, expiresAt: new Date(), ...fields },
    });
  }
  return { kind: "page", attemptId, error: refusal };
}

function unexpected(err: unknown): SignInError {
  console.error("SSO sign-in failed unexpectedly:", err);
  return new SignInError("server_error", "server_error", "Something went wrong on Rollcall's side. Try again in a moment");
}

function toStoredProfile(attempt: SignInAttempt, profile: SignInProfile, resolved: ResolvedSignIn): StoredSignInProfile {
  return {
    id: resolved.identityId,
    organization_id: attempt.organizationId,
    connection_id: attempt.connectionId,
    connection_type: attempt.protocol,
    idp_id: profile.idpId,
    idp_id_format: profile.idpIdFormat,
    email: profile.email,
    first_name: profile.firstName,
    last_name: profile.lastName,
    groups: resolved.groups,
    raw_attributes: profile.rawAttributes,
    account: resolved.account
      ? { id: resolved.account.id, email: resolved.account.email, status: "active", source: resolved.account.source, created: resolved.created }
      : null,
    ...(attempt.test ? { would_create_account: resolved.wouldCreate } : {}),
  };
}

/** The portal's page that shows what a test sign-in received. */
export function testResultUrl(attemptId: string): string {
  return `${config().appUrl}/setup/sso/test?attempt=${encodeURIComponent(attemptId)}`;
}

/**
 * The host's redirect_uri with our parameters added; its own query string is kept (exact matching was
 * done on the whole URI at /sso/authorize).
 */
export function withParams(uri: string, params: Record<string, string>): string {
  const url = new URL(uri);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.href;
}
