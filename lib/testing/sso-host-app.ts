// A small host product on loopback (node:http), built the way the README tells a host product's developers to
// integrate: /login sends the browser to Rollcall's /sso/authorize with a random state and a PKCE challenge,
// /callback checks the state against the browser's cookie and exchanges the code with POST /api/v1/sso/token
// (its API key, the verifier, session: true), then shows the profile or the error it got. /me checks its
// session with POST /api/v1/sessions/verify on each visit, as a host must to notice deprovisioning.
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { escapeHtml, readCookies, sendHtml } from "./test-html";

export type SsoHostApp = {
  url: string;
  loginUrl: string;
  callbackUrl: string;
  /** Rollcall's URL and the host's API key are known only once Rollcall runs, which needs the host's URLs. */
  configure: (settings: { rollcallUrl: string; apiKey: string }) => void;
  close: () => Promise<void>;
};

const LOGIN_COOKIE = "host_login";
const SESSION_COOKIE = "host_session";

export async function startSsoHostApp({ host = "127.0.0.1" }: { host?: string } = {}): Promise<SsoHostApp> {
  let rollcallUrl = "";
  let apiKey = "";
  let base = "";
  /** state → the PKCE verifier of a sign-in this browser started. */
  const pending = new Map<string, string>();
  /** The host's own session id → Rollcall's rc_ses_ token. */
  const sessions = new Map<string, { token: string; email: string }>();

  const rollcall = async (path: string, body: unknown) => {
    const res = await fetch(`${rollcallUrl}${path}`, { method: "POST", headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", base);
    const cookies = readCookies(req);
    if (url.pathname === "/login") {
      // Also the login-initiation URL (SSO_INITIATE_LOGIN_URI) that an IdP-initiated SAML sign-in restarts at.
      const state = randomBytes(16).toString("base64url");
      const verifier = randomBytes(32).toString("base64url");
      pending.set(state, verifier);
      const authorize = new URL("/sso/authorize", rollcallUrl);
      for (const name of ["organization", "connection", "login_hint"]) {
        const value = url.searchParams.get(name);
        if (value) authorize.searchParams.set(name, value);
      }
      // An IdP-initiated restart names both; the host picks the connection.
      if (authorize.searchParams.has("connection")) authorize.searchParams.delete("organization");
      authorize.searchParams.set("redirect_uri", `${base}/callback`);
      authorize.searchParams.set("state", state);
      authorize.searchParams.set("code_challenge", createHash("sha256").update(verifier).digest("base64url"));
      authorize.searchParams.set("code_challenge_method", "S256");
      res.writeHead(302, { location: authorize.href, "set-cookie": `${LOGIN_COOKIE}=${state}; Path=/; HttpOnly; SameSite=Lax` }).end();
      return;
    }
    if (url.pathname === "/callback") {
      const state = url.searchParams.get("state") ?? "";
      const verifier = pending.get(state);
      if (!verifier || cookies.get(LOGIN_COOKIE) !== state) {
        return sendHtml(res, 400, "Host: sign-in refused", `<h1>Sign-in refused by the host</h1><p data-testid="host-error">state_mismatch</p>`);
      }
      pending.delete(state);
      const error = url.searchParams.get("error");
      if (error) {
        return sendHtml(
          res,
          200,
          "Host: sign-in failed",
          `<h1>Sign-in failed</h1><p data-testid="host-error">${escapeHtml(error)}</p><p data-testid="host-error-description">${escapeHtml(url.searchParams.get("error_description") ?? "")}</p>`,
        );
      }
      const exchanged = await rollcall("/api/v1/sso/token", { code: url.searchParams.get("code") ?? "", redirect_uri: `${base}/callback`, code_verifier: verifier, session: true });
      if (exchanged.status !== 200) {
        return sendHtml(res, 200, "Host: exchange refused", `<h1>Code exchange refused</h1><p data-testid="host-error">exchange_${exchanged.status}</p><pre data-testid="host-error-description">${escapeHtml(JSON.stringify(exchanged.body))}</pre>`);
      }
      const { profile, account, session } = exchanged.body as { profile: { email: string }; account: { id: string } | null; session?: { id: string; token: string } };
      const sid = randomBytes(16).toString("base64url");
      if (session) sessions.set(sid, { token: session.token, email: profile.email });
      return sendHtml(
        res,
        200,
        "Host: signed in",
        `<h1>Signed in</h1><p>Welcome, <span data-testid="host-email">${escapeHtml(profile.email)}</span></p><p>Account <code data-testid="host-account">${escapeHtml(account?.id ?? "")}</code>, session <code data-testid="host-session">${escapeHtml(session?.id ?? "")}</code></p><pre data-testid="host-profile">${escapeHtml(JSON.stringify(profile, null, 2))}</pre>`,
        { "set-cookie": [`${SESSION_COOKIE}=${sid}; Path=/; HttpOnly; SameSite=Lax`, `${LOGIN_COOKIE}=; Path=/; Max-Age=0`] },
      );
    }
    if (url.pathname === "/me") {
      const session = sessions.get(cookies.get(SESSION_COOKIE) ?? "");
      if (!session) return sendHtml(res, 401, "Host: signed out", `<p data-testid="host-me">signed out</p>`);
      const verified = await rollcall("/api/v1/sessions/verify", { token: session.token });
      const text = verified.body.valid === true ? `signed in as ${session.email}` : `session ended: ${String(verified.body.reason)}`;
      return sendHtml(res, 200, "Host: me", `<p data-testid="host-me">${escapeHtml(text)}</p>`);
    }
    sendHtml(res, 404, "Not found", "<p>Not found.</p>");
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => sendHtml(res, 500, "Host error", `<p data-testid="host-error">${escapeHtml(String(err))}</p>`));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  base = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    loginUrl: `${base}/login`,
    callbackUrl: `${base}/callback`,
    configure: (settings) => {
      rollcallUrl = settings.rollcallUrl;
      apiKey = settings.apiKey;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
