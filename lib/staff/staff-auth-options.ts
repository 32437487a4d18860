import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { config } from "@/lib/config";
import { authenticateStaffPassword } from "./authenticate-staff-password";
import { endStaffSession } from "./end-staff-session";
import { nextAuthSecret } from "./next-auth-secret";
import { requestClientIp } from "./request-client-ip";
import { STAFF_SIGN_IN_PATH, tooManyAttempts } from "./sign-in-messages";
import { staffMayUseOidc } from "./staff-may-use-oidc";
import { STAFF_SESSION_MAX_AGE_SECONDS } from "./staff-session-policy";
import { startStaffSession } from "./start-staff-session";

export const STAFF_OIDC_PROVIDER_ID = "staff-oidc";
export { STAFF_SIGN_IN_PATH } from "./sign-in-messages";


type StaffToken = { sid?: string; role?: string };

/**
 * next-auth's options for the console. Sessions are JWTs that name a StaffSession row; every console request
 * checks that row (lib/staff/current-staff.ts), so signing out or disabling a user ends the session at once.
 */
export function staffAuthOptions(): AuthOptions {
  const cfg = config();
  // next-auth builds its callback URLs from NEXTAUTH_URL; APP_URL is the one address we are reached at.
  process.env.NEXTAUTH_URL ??= cfg.appUrl;
  const oidc = cfg.staffOidc;
  return {
    secret: nextAuthSecret(),
    useSecureCookies: staffCookiesAreSecure(),
    session: { strategy: "jwt", maxAge: STAFF_SESSION_MAX_AGE_SECONDS },
    pages: { signIn: STAFF_SIGN_IN_PATH, error: STAFF_SIGN_IN_PATH },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const result = await authenticateStaffPassword({
            email: credentials?.email ?? "",
            password: credentials?.password ?? "",
            ip: requestClientIp((name) => headerValue(req.headers, name)),
          });
          if (result.ok) return { id: result.staffUser.id, email: result.staffUser.email, name: result.staffUser.name };
          // next-auth passes a thrown message to the sign-in page as ?error=, which shows it as it is.
          if (result.reason === "rate_limited") throw new Error(tooManyAttempts(result.retryAfterMs));
          return null;
        },
      }),
      ...(oidc
        ? [
            {
              id: STAFF_OIDC_PROVIDER_ID,
              name: "Single sign-on",
              type: "oauth" as const,
              wellKnown: `${oidc.issuer}/.well-known/openid-configuration`,
              clientId: oidc.clientId,
              clientSecret: oidc.clientSecret,
              idToken: true,
              checks: ["pkce" as const, "state" as const],
              authorization: { params: { scope: "openid email profile" } },
              profile(profile: { sub: string; email?: string; name?: string; email_verified?: unknown }) {
                return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? null, emailVerified: profile.email_verified };
              },
            },
          ]
        : []),
    ],
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== STAFF_OIDC_PROVIDER_ID) return true;
        return staffMayUseOidc({ email: user.email, emailVerified: (user as { emailVerified?: unknown }).emailVerified });
      },
      async jwt({ token, user, account }) {
        // `account` is only there at sign-in: open the session row the token will name from now on.
        if (account && user) {
          const started = account.provider === "credentials" ? await startStaffSession({ staffUserId: user.id }) : await startStaffSession({ email: user.email ?? "" });
          if (!started) throw new Error("AccessDenied");
          return { sub: started.staffUser.id, email: started.staffUser.email, name: started.staffUser.name, sid: started.session.id, role: started.staffUser.role };
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, user: { email: token.email, name: token.name }, role: (token as StaffToken).role };
      },
    },
    events: {
      async signOut({ token }) {
        const sid = (token as StaffToken | null)?.sid;
        if (sid) await endStaffSession({ sessionId: sid });
      },
    },
  };
}

/** __Secure- cookies over https, as next-auth does by default; plain ones for an http://localhost install. */
export function staffCookiesAreSecure(): boolean {
  return config().appUrl.startsWith("https://");
}

export function staffSessionCookieName(): string {
  return `${staffCookiesAreSecure() ? "__Secure-" : ""}next-auth.session-token`;
}


function headerValue(headers: unknown, name: string): string | null {
  if (!headers || typeof headers !== "object") return null;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === "string" ? value : Array.isArray(value) ? String(value[0]) : null;
}
