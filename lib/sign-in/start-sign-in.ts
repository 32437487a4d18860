import { randomBytes } from "node:crypto";
import * as oidc from "openid-client";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { SsoConnection } from "@/lib/db/generated/client";
import { sealSecret } from "@/lib/events/secret-box";
import { newId } from "@/lib/ids";
import { isRedirectUriAllowed } from "@/lib/sso/is-redirect-uri-allowed";
import { oidcClientConfig } from "./oidc-client";
import { samlClient } from "./saml-client";
import { SignInError } from "./sign-in-error";

/** How long the person has to sign in at the IdP and come back. */
export const SIGN_IN_ATTEMPT_TTL_MS = 10 * 60 * 1000;

export const authorizeQuerySchema = z.object({
  organization: z.string().trim().min(1).max(100).optional(),
  connection: z.string().trim().min(1).max(100).optional(),
  redirect_uri: z.string().max(2048).optional(),
  state: z.string().max(2048).optional(),
  code_challenge: z.string().optional(),
  code_challenge_method: z.string().optional(),
  login_hint: z.string().trim().max(320).optional(),
});
export type AuthorizeQuery = z.infer<typeof authorizeQuerySchema>;

/** Where the browser goes next: a plain redirect, or (SAML HTTP-POST binding) a form that posts itself. */
export type SignInStep =
  | { kind: "redirect"; url: string }
  | { kind: "post"; action: string; fields: Record<string, string> };

/** Problems that must not redirect: the redirect URI itself is missing or not on the allow-list. */
export class SignInPageError extends SignInError {}

type StartContext = { clientIp?: string | null; userAgent?: string | null };

/**
 * GET /sso/authorize: checks the host's request, stores the attempt (the server-side record that RelayState
 * and the OIDC state point to), and starts SAML or OIDC with the organisation's connection. A missing or
 * unlisted redirect_uri throws SignInPageError (an error page, never a redirect: no open redirect); every
 * other problem is a SignInError that the route sends back to the redirect_uri with the host's state.
 */
export async function startSignIn(query: AuthorizeQuery, context: StartContext = {}): Promise<SignInStep> {
  const redirectUri = query.redirect_uri ?? "";
  if (redirectUri === "") throw new SignInPageError("invalid_request", "missing_redirect_uri", "The sign-in link is incomplete: it has no redirect_uri. The application that sent you here must fix its link");
  if (!(await isRedirectUriAllowed(redirectUri))) {
    throw new SignInPageError("invalid_request", "redirect_uri_not_allowed", "The sign-in link names a redirect_uri that is not on Rollcall's allow-list, so Rollcall will not send you there. The application's operator must add it (SSO_REDIRECT_URIS or the management API)");
  }
  if (!query.state) throw new SignInError("invalid_request", "missing_state", "The sign-in request has no state parameter; the application must send one");
  if ((query.organization === undefined) === (query.connection === undefined)) {
    throw new SignInError("invalid_request", "organization_or_connection", "The sign-in request must name exactly one of organization and connection");
  }
  if (query.code_challenge !== undefined || query.code_challenge_method !== undefined) {
    if (query.code_challenge_method !== "S256") throw new SignInError("invalid_request", "pkce_method", "code_challenge_method must be S256");
    // RFC 7636 §4.2: BASE64URL(SHA256(verifier)) is 43 characters.
    if (!/^[A-Za-z0-9_-]{43}$/.test(query.code_challenge ?? "")) throw new SignInError("invalid_request", "pkce_challenge", "code_challenge must be 43 base64url characters (RFC 7636 S256)");
  }
  const connection = await db.ssoConnection.findFirst({
    where: query.connection !== undefined ? { id: query.connection } : { organizationId: query.organization },
  });
  if (!connection) {
    throw new SignInError("invalid_request", "no_connection", query.connection !== undefined ? "No SSO connection has this id" : "This organization has no single sign-on connection configured yet");
  }
  return beginAttempt(connection, {
    redirectUri,
    state: query.state,
    codeChallenge: query.code_challenge ?? null,
    loginHint: query.login_hint || null,
    test: false,
    ...context,
  });
}

/** The setup portal's "Test single sign-on": the same flow, but it ends on the portal's result page. */
export async function startTestSignIn({ organizationId, ...context }: { organizationId: string } & StartContext): Promise<SignInStep> {
  const connection = await db.ssoConnection.findUnique({ where: { organizationId } });
  if (!connection) throw new SignInError("invalid_request", "no_connection", "Configure single sign-on first");
  return beginAttempt(connection, { redirectUri: null, state: null, codeChallenge: null, loginHint: null, test: true, ...context });
}

type AttemptFields = { redirectUri: string | null; state: string | null; codeChallenge: string | null; loginHint: string | null; test: boolean } & StartContext;

async function beginAttempt(connection: SsoConnection, fields: AttemptFields): Promise<SignInStep> {
  const id = newId("sgn");
  const base = {
    id,
    organizationId: connection.organizationId,
    connectionId: connection.id,
    protocol: connection.protocol,
    test: fields.test,
    redirectUri: fields.redirectUri,
    state: fields.state,
    codeChallenge: fields.codeChallenge,
    loginHint: fields.loginHint,
    clientIp: fields.clientIp ?? null,
    userAgent: fields.userAgent?.slice(0, 500) ?? null,
    expiresAt: new Date(Date.now() + SIGN_IN_ATTEMPT_TTL_MS),
  };

  if (connection.protocol === "saml") {
    // The AuthnRequest ID (an xsd:ID must not start with a digit) is what InResponseTo must name.
    const requestId = `_${randomBytes(20).toString("hex")}`;
    await db.signInAttempt.create({ data: { ...base, samlRequestId: requestId } });
    const saml = samlClient(connection, { requestId });
    const extra = fields.loginHint ? { additionalParams: { login_hint: fields.loginHint } } : undefined;
    if (connection.samlIdpSsoBinding === "post") {
      const message = await saml.getAuthorizeMessageAsync(id, undefined, extra);
      return { kind: "post", action: connection.samlIdpSsoUrl!, fields: Object.fromEntries(Object.entries(message).map(([k, v]) => [k, String(v)])) };
    }
    return { kind: "redirect", url: await saml.getAuthorizeUrlAsync(id, undefined, extra ?? {}) };
  }

  const { configuration, redirectUri } = oidcClientConfig(connection);
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const verifier = oidc.randomPKCECodeVerifier();
  await db.signInAttempt.create({ data: { ...base, oidcState: state, oidcNonce: nonce, oidcCodeVerifier: sealSecret(verifier, id) } });
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: "openid email profile",
    response_type: "code",
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    ...(fields.loginHint ? { login_hint: fields.loginHint } : {}),
  });
  return { kind: "redirect", url: url.href };
}
