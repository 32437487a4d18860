import { randomBytes } from "node:crypto";
import type http from "node:http";
import { startTestHttpServer } from "./test-http-server";

/**
 * The one stand-in for a real service in Rollcall's tests (README, "Google Workspace directories"): Google's
 * Admin SDK and OAuth endpoints cannot be reached from these machines, and no Google server can run here. It
 * answers the Directory API v1's documented JSON shapes (users, groups and members lists with
 * `nextPageToken`), the OAuth token endpoint (authorization code and refresh token grants, `invalid_grant`),
 * and a consent page that redirects back with a code. Faults are injected per path: 401, 403, 429, 5xx.
 */
export type StandInUser = { id: string; primaryEmail: string; givenName: string; familyName: string; suspended?: boolean; department?: string; manager?: string };
export type StandInGroup = { id: string; name: string; email: string; members: string[] };

export async function startGoogleAdminStandIn(
  { pageSize = 2, clientId, clientSecret }: {
    pageSize?: number;
    /** When set, the consent page and the token endpoint refuse any other client, as Google does (invalid_client). */
    clientId?: string;
    clientSecret?: string;
  } = {},
) {
  const users = new Map<string, StandInUser>();
  const groups = new Map<string, StandInGroup>();
  const refreshTokens = new Set<string>();
  const accessTokens = new Set<string>();
  const codes = new Map<string, { refresh: string; redirectUri: string; scope: string }>();
  const grantedScopes = new Map<string, string>();
  const faults: Array<{ path: RegExp; status: number; remaining: number; retryAfter?: number }> = [];
  const requests: string[] = [];

  const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json; charset=UTF-8", ...headers });
    res.end(JSON.stringify(body));
  };
  const googleError = (res: http.ServerResponse, status: number, message: string, headers: Record<string, string> = {}) =>
    json(res, status, { error: { code: status, message, errors: [{ message, domain: "global", reason: status === 403 ? "forbidden" : status === 429 ? "rateLimitExceeded" : "backendError" }] } }, headers);

  function page<T>(items: T[], url: URL, key: string) {
    const start = Number(url.searchParams.get("pageToken") ?? 0);
    const slice = items.slice(start, start + pageSize);
    const next = start + pageSize < items.length ? String(start + pageSize) : undefined;
    return { kind: `admin#directory#${key}`, [key]: slice, ...(next && { nextPageToken: next }) };
  }

  const readForm = (req: http.IncomingMessage) => new Promise<URLSearchParams>((resolve) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => resolve(new URLSearchParams(body)));
  });

  const server = await startTestHttpServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://stand-in");
      requests.push(`${req.method} ${url.pathname}${url.search}`);
      const fault = faults.find((f) => f.path.test(url.pathname) && f.remaining > 0);
      if (fault) {
        fault.remaining--;
        return googleError(res, fault.status, `Injected ${fault.status}`, fault.retryAfter ? { "retry-after": String(fault.retryAfter) } : {});
      }
      if (url.pathname === "/o/oauth2/v2/auth") {
        // Google's consent screen: the admin allows or denies, and is sent back to the client's redirect URI
        // with a one-time code or error=access_denied, and the state unchanged.
        const q = url.searchParams;
        const redirectUri = q.get("redirect_uri");
        if (!redirectUri || (clientId && q.get("client_id") !== clientId)) {
          res.writeHead(400, { "content-type": "text/html; charset=utf-8" });
          return res.end("<!doctype html><title>Error 400</title><h1>Error 400: invalid_request</h1><p>Unknown client or missing redirect_uri.</p>");
        }
        const back = (params: Record<string, string>) => {
          const to = new URL(redirectUri);
          for (const [k, v] of Object.entries(params)) to.searchParams.set(k, v);
          to.searchParams.set("state", q.get("state") ?? "");
          return to.toString().replace(/&/g, "&amp;").replace(/"/g, "&quot;");
        };
        const scope = q.get("scope") ?? "";
        const code = `code-${randomBytes(8).toString("hex")}`;
        codes.set(code, { refresh: `refresh-${randomBytes(8).toString("hex")}`, redirectUri, scope });
        const offline = q.get("access_type") === "offline" && q.get("prompt") === "consent";
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        return res.end(`<!doctype html><title>Sign in - Google Accounts</title><h1>Rollcall wants to access your Google Account</h1>
<ul>${scope.split(" ").filter(Boolean).map((s) => `<li>${s.replace(/</g, "&lt;")}</li>`).join("")}</ul>
<p>${offline ? "Offline access requested." : "Online access only."}</p>
<a href="${back({ code })}">Allow</a> <a href="${back({ error: "access_denied" })}">Deny</a>`);
      }
      if (url.pathname === "/token" && req.method === "POST") {
        const form = await readForm(req);
        let refresh: string | undefined;
        // Google takes the client's credentials in the body (client_secret_post), as google-auth-library sends them.
        if (clientId && (form.get("client_id") !== clientId || form.get("client_secret") !== clientSecret)) {
          return json(res, 401, { error: "invalid_client", error_description: "The OAuth client was not found." });
        }
        let scope = form.get("scope") ?? "";
        if (form.get("grant_type") === "authorization_code") {
          const issued = codes.get(form.get("code") ?? "");
          codes.delete(form.get("code") ?? "");
          // RFC 6749 §4.1.3: the redirect_uri must be the one the code was issued for.
          if (issued && issued.redirectUri === form.get("redirect_uri")) {
            refresh = issued.refresh;
            refreshTokens.add(refresh);
            grantedScopes.set(refresh, issued.scope);
            scope = issued.scope;
          }
        } else if (form.get("grant_type") === "refresh_token" && refreshTokens.has(form.get("refresh_token") ?? "")) {
          refresh = form.get("refresh_token")!;
          scope = grantedScopes.get(refresh) ?? scope;
        }
        if (!refresh) return json(res, 400, { error: "invalid_grant", error_description: "Token has been expired or revoked." });
        const access = `ya29.${randomBytes(12).toString("hex")}`;
        accessTokens.add(access);
        return json(res, 200, { access_token: access, expires_in: 3599, token_type: "Bearer", scope, ...(form.get("grant_type") === "authorization_code" && { refresh_token: refresh }) });
      }
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      if (!bearer || !accessTokens.has(bearer)) return googleError(res, 401, "Request had invalid authentication credentials.");
      if (url.pathname === "/admin/directory/v1/users") {
        const list = [...users.values()].map((u) => ({
          kind: "admin#directory#user", id: u.id, primaryEmail: u.primaryEmail, suspended: u.suspended ?? false, archived: false,
          name: { givenName: u.givenName, familyName: u.familyName, fullName: `${u.givenName} ${u.familyName}` },
          ...(u.department && { organizations: [{ primary: true, department: u.department }] }),
          ...(u.manager && { relations: [{ type: "manager", value: u.manager }] }),
        }));
        return json(res, 200, page(list, url, "users"));
      }
      if (url.pathname === "/admin/directory/v1/groups") {
        return json(res, 200, page([...groups.values()].map((g) => ({ kind: "admin#directory#group", id: g.id, name: g.name, email: g.email })), url, "groups"));
      }
      const members = /^\/admin\/directory\/v1\/groups\/([^/]+)\/members$/.exec(url.pathname);
      if (members) {
        const group = groups.get(decodeURIComponent(members[1]!));
        if (!group) return googleError(res, 404, "Resource Not Found: groupKey");
        return json(res, 200, page(group.members.map((id) => ({ kind: "admin#directory#member", id, type: "USER", role: "MEMBER", status: "ACTIVE" })), url, "members"));
      }
      return googleError(res, 404, "Not Found");
    })();
  });

  return {
    url: server.url,
    close: server.close,
    requests,
    addUser(user: Omit<StandInUser, "id"> & { id?: string }) {
      const id = user.id ?? String(100_000_000_000_000_000_000n + BigInt(users.size + 1));
      users.set(id, { ...user, id });
      return id;
    },
    addGroup(group: Omit<StandInGroup, "id">) {
      const id = `0${randomBytes(7).toString("hex")}`;
      groups.set(id, { ...group, id });
      return id;
    },
    suspend(email: string) {
      for (const u of users.values()) if (u.primaryEmail === email) u.suspended = true;
    },
    remove(email: string) {
      for (const [id, u] of users) if (u.primaryEmail === email) users.delete(id);
      for (const g of groups.values()) g.members = g.members.filter((m) => users.has(m));
    },
    /** A refresh token as if an admin had consented. */
    issueRefreshToken() {
      const token = `refresh-${randomBytes(8).toString("hex")}`;
      refreshTokens.add(token);
      return token;
    },
    revokeRefreshTokens() {
      refreshTokens.clear();
      accessTokens.clear();
    },
    fail(path: RegExp, status: number, times = 1, retryAfter?: number) {
      faults.push({ path, status, remaining: times, retryAfter });
    },
  };
}
