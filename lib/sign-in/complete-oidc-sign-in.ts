import * as oidc from "openid-client";
import { db } from "@/lib/db/client";
import type { SignInAttempt } from "@/lib/db/generated/client";
import { openSecret } from "@/lib/events/secret-box";
import { oidcClientConfig } from "./oidc-client";
import { SignInError } from "./sign-in-error";
import type { SignInProfile } from "./sign-in-profile";

export type OidcOutcome = { attempt: SignInAttempt; profile: SignInProfile };

/**
 * GET /sso/oidc/<organizationId>/callback. The `state` names the attempt, which is consumed once (atomically,
 * so a replayed callback finds nothing). openid-client exchanges the code with the PKCE verifier and checks the
 * ID token (signature, issuer, audience, expiry, nonce). When the ID token carries no email, userinfo is asked
 * (oidc-provider and Okta send it only there). Throws SignInError; `attempt` on the error is set once known.
 */
export async function completeOidcSignIn({ organizationId, callbackUrl }: { organizationId: string; callbackUrl: URL }): Promise<OidcOutcome> {
  const state = callbackUrl.searchParams.get("state") ?? "";
  const [attempt] = state
    ? await db.$queryRaw<SignInAttempt[]>`
        UPDATE "SignInAttempt" SET "requestConsumedAt" = now()
         WHERE "organizationId" = ${organizationId} AND "oidcState" = ${state} AND "requestConsumedAt" IS NULL AND "status" = 'pending'
         RETURNING *`
    : [];
  if (!attempt) {
    throw new SignInError("invalid_request", "unknown_state", "This sign-in link was already used, or was not started here. Start the sign-in again from the application");
  }
  try {
    return { attempt, profile: await exchange(attempt, callbackUrl) };
  } catch (err) {
    throw Object.assign(err instanceof SignInError ? err : toOidcRefusal(err), { attempt });
  }
}

async function exchange(attempt: SignInAttempt, callbackUrl: URL): Promise<SignInProfile> {
  if (attempt.expiresAt.getTime() <= Date.now()) throw new SignInError("expired", "attempt_expired", "The sign-in took longer than 10 minutes. Start it again from the application");
  const idpError = callbackUrl.searchParams.get("error");
  if (idpError) {
    const description = callbackUrl.searchParams.get("error_description");
    throw new SignInError("access_denied", "idp_error", `The identity provider refused the sign-in (${idpError}${description ? `: ${description.slice(0, 300)}` : ""})`);
  }
  const connection = await db.ssoConnection.findFirst({ where: { id: attempt.connectionId ?? "", organizationId: attempt.organizationId } });
  if (!connection || connection.protocol !== "oidc") throw new SignInError("invalid_request", "no_connection", "The organization's single sign-on connection changed during the sign-in. Start it again");
  const { configuration, redirectUri } = oidcClientConfig(connection);
  // The URL the IdP redirected to, rebuilt on our public redirect URI (a proxy may have changed the host).
  const current = new URL(redirectUri);
  current.search = callbackUrl.search;
  const tokens = await oidc.authorizationCodeGrant(configuration, current, {
    pkceCodeVerifier: openSecret(attempt.oidcCodeVerifier ?? "", attempt.id),
    expectedState: attempt.oidcState ?? "",
    expectedNonce: attempt.oidcNonce ?? "",
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new SignInError("invalid_response", "no_id_token", "The identity provider sent no ID token");
  let all: Record<string, unknown> = { ...claims };
  if (typeof claims.email !== "string" && configuration.serverMetadata().userinfo_endpoint) {
    const userinfo = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
    all = { ...userinfo, ...claims };
  }
  return oidcProfileFrom(all, connection.oidcIssuer ?? String(claims.iss));
}

/** Entra ID: `sub` is per application, and its emails are not verified; key on the tenant and object id. */
function oidcProfileFrom(claims: Record<string, unknown>, issuer: string): SignInProfile {
  const text = (name: string) => (typeof claims[name] === "string" && (claims[name] as string).trim() !== "" ? (claims[name] as string).trim() : null);
  const entra = text("tid") && text("oid");
  const emailVerified = claims.email_verified;
  return {
    idpId: entra ? `${text("tid")}:${text("oid")}` : String(claims.sub),
    idpIdFormat: entra ? "tid:oid" : "sub",
    issuer,
    email: text("email")?.toLowerCase() ?? null,
    ...(typeof emailVerified === "boolean" ? { emailVerified } : emailVerified === "false" ? { emailVerified: false } : {}),
    firstName: text("given_name"),
    lastName: text("family_name"),
    rawAttributes: Object.fromEntries(Object.entries(claims).filter(([k]) => !["nonce", "at_hash", "c_hash", "s_hash"].includes(k))),
  };
}

function toOidcRefusal(err: unknown): SignInError {
  const code = (err as { code?: string }).code;
  const error = (err as { error?: string }).error;
  if (error === "invalid_grant") return new SignInError("invalid_response", "invalid_grant", "The identity provider did not accept the sign-in code (it was used already or has expired). Start the sign-in again");
  if (code === "OAUTH_JWT_CLAIM_COMPARISON_FAILED" || code === "OAUTH_JWT_TIMESTAMP_CHECK_FAILED" || code === "OAUTH_INVALID_RESPONSE") {
    return new SignInError("invalid_response", "invalid_id_token", `The identity provider's ID token failed a check (${(err as Error).message})`);
  }
  console.error("OIDC sign-in failed:", err);
  return new SignInError("invalid_response", "oidc_error", "Rollcall could not complete the sign-in with the identity provider. Start it again; if it keeps failing, check the connection's client ID and secret");
}
