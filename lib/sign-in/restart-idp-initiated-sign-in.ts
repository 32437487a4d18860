import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import type { SsoConnection } from "@/lib/db/generated/client";
import { newId } from "@/lib/ids";
import { withParams, type SignInExit } from "./finish-sign-in";
import { SignInError } from "./sign-in-error";
import type { SignInProfile } from "./sign-in-profile";

/**
 * An IdP-initiated (unsolicited) SAML response, on a connection that allows them, never mints a code: an
 * attacker could otherwise sign a victim into the attacker's account (login CSRF). The browser goes to the
 * host's login-initiation URL (OpenID Connect Core §4: `iss`, `login_hint`, plus the organization), and the
 * host starts an ordinary SP-initiated sign-in with its own state.
 */
export async function restartIdpInitiatedSignIn(connection: SsoConnection, profile: SignInProfile): Promise<SignInExit> {
  const target = config().ssoInitiateLoginUri;
  const base = { id: newId("sgn"), organizationId: connection.organizationId, connectionId: connection.id, protocol: connection.protocol, subject: profile.idpId, email: profile.email, expiresAt: new Date(), completedAt: new Date(), status: "failed" as const };
  if (!target) {
    const error = new SignInError("invalid_request", "idp_initiated_no_login_uri", "Sign-in started from the identity provider cannot continue: the application has no login-initiation URL configured (SSO_INITIATE_LOGIN_URI). Start from the application's sign-in page");
    await db.signInAttempt.create({ data: { ...base, errorCode: error.code, reason: `${error.reason}: ${error.message}` } });
    return { kind: "page", attemptId: base.id, error };
  }
  await db.signInAttempt.create({ data: { ...base, errorCode: "login_required", reason: "idp_initiated_restarted: an IdP-initiated sign-in was sent to the application's login to start over" } });
  return {
    kind: "redirect",
    url: withParams(target, { iss: config().appUrl, organization: connection.organizationId, connection: connection.id, ...(profile.email ? { login_hint: profile.email } : {}) }),
  };
}
