// The SAML test IdP of saml-test-idp.ts as a server a browser can use: it serves its metadata over HTTP, shows a
// login form for our AuthnRequest (HTTP-Redirect or HTTP-POST binding) or for an IdP-initiated sign-in, and
// posts a response signed with xml-crypto to the service provider's ACS from the browser, as Okta and Entra do.
// Like a real IdP it answers only service providers registered with it (entity ID and ACS URL), and it takes
// the ACS URL from that registration, never from the request.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { escapeHtml, readForm, sendHtml } from "./test-html";
import { idpMetadata, makeTestKeyPair, readAuthnRequest, samlResponseXml, toSamlResponseParam, type TestKeyPair } from "./saml-test-idp";

export type SamlIdpUser = { nameId: string; email: string; firstName?: string; lastName?: string; groups?: string[] };
export type ServiceProvider = { entityId: string; acsUrl: string };

export type SamlIdpServer = {
  url: string;
  entityId: string;
  metadataUrl: string;
  /** The IdP's own start page for an IdP-initiated sign-in into this service provider ("the app's tile"). */
  idpInitiatedUrl: (spEntityId: string) => string;
  registerServiceProvider: (sp: ServiceProvider) => void;
  /** Every AuthnRequest ID the IdP received, in order (tests check what our side sent). */
  requests: { id: string; issuer: string | null; binding: "redirect" | "post" }[];
  close: () => Promise<void>;
};

/**
 * Starts the IdP on a free loopback port. `host` may be another loopback address (127.0.0.2) so that the browser
 * treats the IdP as another site than Rollcall on 127.0.0.1, as it is in production (SameSite cookies).
 */
export async function startSamlIdpServer({
  users,
  binding = "redirect",
  host = "127.0.0.1",
  key = makeTestKeyPair("loopback-idp.test"),
}: {
  users: Record<string, SamlIdpUser>;
  binding?: "redirect" | "post";
  host?: string;
  key?: TestKeyPair;
}): Promise<SamlIdpServer> {
  const serviceProviders = new Map<string, ServiceProvider>();
  const requests: SamlIdpServer["requests"] = [];
  let base = "";
  const entityId = () => `${base}/entity`;

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => sendHtml(res, 500, "IdP error", `<p>${escapeHtml(String(err))}</p>`));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", base);
    if (req.method === "GET" && url.pathname === "/metadata") {
      res.writeHead(200, { "content-type": "application/samlmetadata+xml" }).end(idpMetadata({ entityId: entityId(), ssoUrl: `${base}/sso`, keys: [key], binding }));
      return;
    }
    if (url.pathname === "/sso") {
      const fields = req.method === "POST" ? await readForm(req) : url.searchParams;
      const samlRequest = fields.get("SAMLRequest");
      if (!samlRequest) return sendHtml(res, 400, "No request", "<p>No SAMLRequest.</p>");
      const request = readAuthnRequest(samlRequest, req.method === "POST" ? "post" : "redirect");
      requests.push({ id: request.id, issuer: request.issuer, binding: req.method === "POST" ? "post" : "redirect" });
      const sp = request.issuer ? serviceProviders.get(request.issuer) : undefined;
      if (!sp) return sendHtml(res, 400, "Unknown application", `<p>This identity provider has no application with the entity ID ${escapeHtml(request.issuer ?? "(none)")}.</p>`);
      return loginForm(res, { sp: sp.entityId, request: request.id, relayState: fields.get("RelayState") ?? "", loginHint: fields.get("login_hint") ?? "" });
    }
    if (req.method === "GET" && url.pathname === "/start") {
      const sp = serviceProviders.get(url.searchParams.get("sp") ?? "");
      if (!sp) return sendHtml(res, 404, "Unknown application", "<p>No such application.</p>");
      return loginForm(res, { sp: sp.entityId, request: "", relayState: "", loginHint: "" });
    }
    if (req.method === "POST" && url.pathname === "/login") {
      const form = await readForm(req);
      const sp = serviceProviders.get(form.get("sp") ?? "");
      const login = form.get("username") ?? "";
      const user = users[login] ?? Object.values(users).find((u) => u.email === login);
      if (!sp) return sendHtml(res, 400, "Unknown application", "<p>No such application.</p>");
      if (!user) return sendHtml(res, 401, "Sign-in failed", "<p>Unknown user name.</p>");
      const xml = samlResponseXml({
        issuer: entityId(),
        audience: sp.entityId,
        acsUrl: sp.acsUrl,
        inResponseTo: form.get("request") || undefined,
        nameId: user.nameId,
        attributes: { email: user.email, ...(user.firstName && { firstName: user.firstName }), ...(user.lastName && { lastName: user.lastName }), ...(user.groups && { groups: user.groups }) },
        key,
        assertionId: `_a${randomBytes(16).toString("hex")}`,
      });
      // The HTTP-POST binding (SAML bindings §3.5): a form the browser submits to the ACS.
      const relayState = form.get("RelayState") ?? "";
      return sendHtml(
        res,
        200,
        "Signing you in",
        `<form id="saml-post" method="post" action="${escapeHtml(sp.acsUrl)}"><input type="hidden" name="SAMLResponse" value="${toSamlResponseParam(xml)}">${relayState ? `<input type="hidden" name="RelayState" value="${escapeHtml(relayState)}">` : ""}<button type="submit">Continue</button></form><script>document.getElementById("saml-post").submit()</script>`,
      );
    }
    sendHtml(res, 404, "Not found", "<p>Not found.</p>");
  }

  function loginForm(res: http.ServerResponse, f: { sp: string; request: string; relayState: string; loginHint: string }) {
    const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
    sendHtml(
      res,
      200,
      "Loopback IdP sign-in",
      `<h1>Loopback IdP</h1><p>Sign in to ${escapeHtml(f.sp)}</p><form method="post" action="/login"><label>Username <input name="username" value="${escapeHtml(f.loginHint)}"></label>${hidden("sp", f.sp)}${hidden("request", f.request)}${hidden("RelayState", f.relayState)}<button type="submit">Sign in</button></form>`,
    );
  }

  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  base = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    entityId: entityId(),
    metadataUrl: `${base}/metadata`,
    idpInitiatedUrl: (sp) => `${base}/start?sp=${encodeURIComponent(sp)}`,
    registerServiceProvider: (sp) => void serviceProviders.set(sp.entityId, sp),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
