// Issue 11, "Configuring a connection without the portal": the SSO connection and the sign-in redirect-URI
// allow-list through the management API, over real HTTP against the production build. The identity
// provider's metadata and OIDC discovery document come from a real HTTP server on loopback.
import { readFileSync } from "node:fs";
import path from "node:path";
import { startTestHttpServer, type TestHttpServer } from "../../lib/testing/test-http-server";
import { appUrl, expect, test } from "../fixtures";
import { sql } from "../support/db";
import { apiClient, createGlobalKey, createOrganization, createOrgKey, type ApiClient } from "./api-client";

const fixture = (name: string) => readFileSync(path.resolve(import.meta.dirname, "../../lib/sso/fixtures", name), "utf8");
const OKTA = fixture("okta-metadata.xml");
const OKTA_ENTITY_ID = "http://www.okta.com/exk1fcia6d6EMsf331d8";
const GOOGLE_ENTITY_ID = "https://accounts.google.com/o/saml2?idpid=C01abcd2e";
const SECRET = "okta-client-secret-Zx81_QmP0vL3-e2e";

type Settings = {
  organization_id: string;
  service_provider: { entity_id: string; acs_url: string; metadata_url: string; redirect_uri: string };
  connection: null | (Record<string, unknown> & { id: string; protocol: "saml" | "oidc" });
};
type ErrorBody = { error: { code: string; message: string; fields: Record<string, string> } };
type SsoRow = { id: string; protocol: string; provider: string; oidcClientId: string | null; oidcClientSecret: string | null; allowIdpInitiated: boolean; samlMetadataUrl: string | null; updatedAt: Date };

const rowOf = async (organizationId: string) => (await sql<SsoRow>(`SELECT * FROM "SsoConnection" WHERE "organizationId" = $1`, [organizationId]))[0];
const settingsPath = (organizationId: string) => `/api/v1/organizations/${organizationId}/sso-connection`;

let admin: ApiClient;
let idp: TestHttpServer;
test.beforeAll(async () => {
  admin = apiClient((await createGlobalKey("sso connection")).key);
  idp = await startTestHttpServer((req, res, base) => {
    if (req.url === "/app/metadata") return res.writeHead(200, { "content-type": "application/samlmetadata+xml" }).end(fixture("google-metadata.xml"));
    if (req.url === "/oauth2/default/.well-known/openid-configuration") {
      const issuer = `${base}/oauth2/default`;
      return res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ issuer, authorization_endpoint: `${issuer}/v1/authorize`, token_endpoint: `${issuer}/v1/token`, jwks_uri: `${issuer}/v1/keys`, userinfo_endpoint: `${issuer}/v1/userinfo` }));
    }
    res.writeHead(404).end();
  });
});
test.afterAll(async () => {
  await idp.close();
});

test.describe("/api/v1/organizations/{id}/sso-connection", () => {
  test("GET answers our side before anything is configured; PUT configures SAML from XML, then from a URL", async () => {
    const org = await createOrganization(admin, "sso-saml");
    const ours = {
      entity_id: `${appUrl()}/sso/saml/${org.id}`,
      acs_url: `${appUrl()}/sso/saml/${org.id}/acs`,
      metadata_url: `${appUrl()}/sso/saml/${org.id}/metadata`,
      redirect_uri: `${appUrl()}/sso/oidc/${org.id}/callback`,
    };
    const empty = await admin.get<Settings>(settingsPath(org.id));
    expect(empty.status, empty.text).toBe(200);
    expect(empty.body).toEqual({ organization_id: org.id, service_provider: ours, connection: null });
    // Our metadata URL is real: the identity provider can import it.
    const spMetadata = await fetch(ours.metadata_url);
    expect(spMetadata.status).toBe(200);
    expect(await spMetadata.text()).toContain(`Location="${ours.acs_url}"`);

    const saml = await admin.put<Settings>(settingsPath(org.id), { protocol: "saml", provider: "okta", metadata_xml: OKTA, allow_idp_initiated: true });
    expect(saml.status, saml.text).toBe(200);
    expect(saml.body).toEqual({
      organization_id: org.id,
      service_provider: ours,
      connection: {
        id: expect.stringMatching(/^sso_/),
        protocol: "saml",
        provider: "okta",
        idp_entity_id: OKTA_ENTITY_ID,
        idp_sso_url: "https://dev-12345678.okta.com/app/dev-12345678_rollcall_1/exk1fcia6d6EMsf331d8/sso/saml",
        idp_sso_binding: expect.stringMatching(/^(redirect|post)$/),
        metadata_url: null,
        allow_idp_initiated: true,
        certificate_expires_at: expect.any(String),
        certificates: [{ subject: expect.stringContaining("CN=dev-12345678"), not_before: expect.any(String), expires_at: expect.any(String) }],
        created_at: expect.any(String),
        updated_at: expect.any(String),
      },
    });
    expect(await rowOf(org.id)).toMatchObject({ protocol: "saml", provider: "okta", allowIdpInitiated: true });
    expect((await admin.get<Settings>(settingsPath(org.id))).body).toEqual(saml.body);

    // From a URL this time, without a provider or allow_idp_initiated: both stay as they were.
    const fromUrl = await admin.put<Settings>(settingsPath(org.id), { protocol: "saml", metadata_url: `${idp.url}/app/metadata` });
    expect(fromUrl.status, fromUrl.text).toBe(200);
    expect(fromUrl.body.connection).toMatchObject({ id: saml.body.connection!.id, provider: "okta", idp_entity_id: GOOGLE_ENTITY_ID, metadata_url: `${idp.url}/app/metadata`, allow_idp_initiated: true });
    const off = await admin.put<Settings>(settingsPath(org.id), { protocol: "saml", metadata_xml: OKTA, allow_idp_initiated: false });
    expect(off.body.connection).toMatchObject({ idp_entity_id: OKTA_ENTITY_ID, metadata_url: null, allow_idp_initiated: false });
  });

  test("PUT configures OIDC: the secret is stored sealed and never answered; DELETE removes the connection", async () => {
    const org = await createOrganization(admin, "sso-oidc");
    const issuer = `${idp.url}/oauth2/default`;
    const put = await admin.put<Settings>(settingsPath(org.id), { protocol: "oidc", provider: "okta", issuer, client_id: "0oa1b2c3", client_secret: SECRET });
    expect(put.status, put.text).toBe(200);
    expect(put.body.connection).toEqual({
      id: expect.stringMatching(/^sso_/),
      protocol: "oidc",
      provider: "okta",
      issuer,
      client_id: "0oa1b2c3",
      has_client_secret: true,
      authorization_endpoint: `${issuer}/v1/authorize`,
      token_endpoint: `${issuer}/v1/token`,
      jwks_uri: `${issuer}/v1/keys`,
      userinfo_endpoint: `${issuer}/v1/userinfo`,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(put.body.service_provider.redirect_uri).toBe(`${appUrl()}/sso/oidc/${org.id}/callback`);
    expect(put.text).not.toContain(SECRET);
    const got = await admin.get<Settings>(settingsPath(org.id));
    expect(got.text).not.toContain(SECRET);
    expect(got.body).toEqual(put.body);
    const row = await rowOf(org.id);
    expect(row!.oidcClientSecret).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(SECRET);

    // Left out, the secret is kept for the same client ID; a new client ID needs its own.
    const kept = await admin.put<Settings>(settingsPath(org.id), { protocol: "oidc", issuer, client_id: "0oa1b2c3" });
    expect(kept.status, kept.text).toBe(200);
    expect((await rowOf(org.id))!.oidcClientSecret).toBe(row!.oidcClientSecret);
    const newClient = await admin.put<ErrorBody>(settingsPath(org.id), { protocol: "oidc", issuer, client_id: "0oa-other-app" });
    expect(newClient.status, newClient.text).toBe(400);
    expect(newClient.body.error.fields).toEqual({ client_secret: "Enter the client secret that Okta shows with this client ID" });

    const removed = await admin.delete(settingsPath(org.id));
    expect(removed.status, removed.text).toBe(204);
    expect(await rowOf(org.id)).toBeUndefined();
    expect((await admin.get<Settings>(settingsPath(org.id))).body.connection).toBeNull();
    const again = await admin.delete<ErrorBody>(settingsPath(org.id));
    expect(again.status).toBe(404);
    expect(again.body.error.message).toBe("The organization has no SSO connection to remove");
  });

  test("bad input gets the portal's message at its field, and changes nothing", async () => {
    const org = await createOrganization(admin, "sso-bad");
    const issuer = `${idp.url}/oauth2/default`;
    const before = await admin.put<Settings>(settingsPath(org.id), { protocol: "saml", provider: "okta", metadata_xml: OKTA });
    expect(before.status, before.text).toBe(200);
    const rowBefore = await rowOf(org.id);

    const cases: [string, unknown, Record<string, string | RegExp>][] = [
      ["no protocol", {}, { protocol: "must be saml or oidc" }],
      ["an unknown protocol", { protocol: "ws-fed" }, { protocol: "must be saml or oidc" }],
      ["SAML without metadata", { protocol: "saml" }, { metadata_xml: "Paste the identity provider's metadata XML, or enter the URL it can be downloaded from" }],
      ["SAML with blank metadata", { protocol: "saml", metadata_xml: "  ", metadata_url: "" }, { metadata_xml: "Paste the identity provider's metadata XML, or enter the URL it can be downloaded from" }],
      ["both XML and URL", { protocol: "saml", metadata_xml: OKTA, metadata_url: `${idp.url}/app/metadata` }, { metadata_xml: "Give either the metadata XML or its URL, not both" }],
      ["broken metadata", { protocol: "saml", metadata_xml: fixture("broken-metadata.xml") }, { metadata_xml: /^The metadata is not well-formed XML/ }],
      ["an expired certificate", { protocol: "saml", metadata_xml: fixture("expired-cert-metadata.xml") }, { metadata_xml: "The signing certificate expired on 12 March 2024; download fresh metadata from Okta" }],
      ["a metadata URL that answers 404", { protocol: "saml", metadata_url: `${idp.url}/app/missing` }, { metadata_url: "The metadata URL answered 404 Not Found: check the URL" }],
      ["a metadata URL over plain http", { protocol: "saml", metadata_url: "http://idp.example.com/metadata" }, { metadata_url: /^The metadata URL must start with https:\/\// }],
      ["a metadata URL that is too long", { protocol: "saml", metadata_url: `https://idp.example.com/${"m".repeat(2048)}` }, { metadata_url: "The metadata URL is too long: 2048 characters at most" }],
      ["metadata that is not text", { protocol: "saml", metadata_xml: 42 }, { metadata_xml: "must be a string" }],
      ["allow_idp_initiated that is not a boolean", { protocol: "saml", metadata_xml: OKTA, allow_idp_initiated: "yes" }, { allow_idp_initiated: "Allowing IdP-initiated sign-in must be true or false" }],
      ["an unknown provider", { protocol: "saml", provider: "ping", metadata_xml: OKTA }, { provider: "Choose your identity provider" }],
      ["an OIDC field on SAML", { protocol: "saml", metadata_xml: OKTA, client_id: "x" }, { client_id: "is not a known field" }],
      ["OIDC without issuer or client ID", { protocol: "oidc" }, { issuer: "Enter the issuer URL", client_id: "Enter the client ID" }],
      ["a blank issuer", { protocol: "oidc", issuer: " ", client_id: "0oa1", client_secret: SECRET }, { issuer: "Enter the issuer URL, like https://acme.okta.com" }],
      ["a blank client ID", { protocol: "oidc", issuer, client_id: "", client_secret: SECRET }, { client_id: "Enter the client ID" }],
      ["a client ID that is too long", { protocol: "oidc", issuer, client_id: "c".repeat(513), client_secret: SECRET }, { client_id: "The client ID is too long: 512 characters at most" }],
      ["a client secret that is too long", { protocol: "oidc", issuer, client_id: "0oa1", client_secret: "s".repeat(2049) }, { client_secret: "The client secret is too long: 2048 characters at most" }],
      ["a plain-http issuer", { protocol: "oidc", issuer: "http://idp.example.com", client_id: "0oa1", client_secret: SECRET }, { issuer: "The issuer must start with https:// (an http:// address is not protected in transit)" }],
      ["an issuer without discovery", { protocol: "oidc", issuer: `${idp.url}/oauth2/wrong`, client_id: "0oa1", client_secret: SECRET }, { issuer: `The issuer answered 404 Not Found at ${idp.url}/oauth2/wrong/.well-known/openid-configuration: check the issuer URL` }],
      ["a new OIDC connection without its secret", { protocol: "oidc", issuer, client_id: "0oa1" }, { client_secret: "Enter the client secret that Okta shows with this client ID" }],
    ];
    for (const [name, body, fields] of cases) {
      const res = await admin.put<ErrorBody>(settingsPath(org.id), body);
      expect(res.status, `${name}: ${res.text}`).toBe(400);
      expect(res.body.error.code, name).toBe("invalid_input");
      expect(res.body.error.fields, name).toEqual(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === "string" ? v : expect.stringMatching(v)])));
      // The message carries the first field's sentence, as the portal shows it.
      expect(res.body.error.message, name).toContain(Object.values(res.body.error.fields)[0]);
      expect(res.text, name).not.toContain(SECRET);
    }
    expect(await rowOf(org.id)).toEqual(rowBefore);
    expect((await admin.get<Settings>(settingsPath(org.id))).body).toEqual(before.body);
  });

  test("an organization's key configures its own connection and gets 404 for another's, even at the same time", async () => {
    const a = await createOrganization(admin, "sso-a");
    const b = await createOrganization(admin, "sso-b");
    const keyA = apiClient((await createOrgKey(a.slug)).key);
    await admin.put(settingsPath(b.id), { protocol: "saml", provider: "okta", metadata_xml: OKTA });
    const rowB = await rowOf(b.id);

    const [ownPut, getB, putB, deleteB, missing] = await Promise.all([
      keyA.put<Settings>(settingsPath(a.id), { protocol: "oidc", issuer: `${idp.url}/oauth2/default`, client_id: "0oa-a", client_secret: SECRET }),
      keyA.get(settingsPath(b.id)),
      keyA.put(settingsPath(b.id), { protocol: "saml", metadata_url: `${idp.url}/app/metadata`, allow_idp_initiated: true }),
      keyA.delete(settingsPath(b.id)),
      admin.get(settingsPath("org_missing")),
    ]);
    expect(ownPut.status, ownPut.text).toBe(200);
    expect(ownPut.body.connection).toMatchObject({ protocol: "oidc", client_id: "0oa-a" });
    for (const res of [getB, putB, deleteB, missing]) {
      expect(res.status, res.text).toBe(404);
      expect(res.text).not.toContain(OKTA_ENTITY_ID);
    }
    expect(await rowOf(b.id)).toEqual(rowB);
    expect((await keyA.get<Settings>(settingsPath(a.id))).body.connection).toMatchObject({ protocol: "oidc" });
  });
});

test.describe("/api/v1/sso/redirect-uris", () => {
  test("a global key replaces and reads the stored allow-list; a wrong entry is refused at its index and changes nothing", async () => {
    const original = await admin.get<{ data: { uri: string; source: string; created_at: string | null }[] }>("/api/v1/sso/redirect-uris");
    expect(original.status, original.text).toBe(200);
    const environment = original.body.data.filter((e) => e.source === "environment");
    const stored = original.body.data.filter((e) => e.source === "api").map((e) => e.uri);
    try {
      const wanted = ["https://app.example.com/sso/callback", "http://127.0.0.1:4000/callback", "https://app.example.com/sso/callback"];
      const put = await admin.put<{ data: { uri: string; source: string; created_at: string | null }[] }>("/api/v1/sso/redirect-uris", { redirect_uris: wanted });
      expect(put.status, put.text).toBe(200);
      // SSO_REDIRECT_URIS first; the stored entries, written together, then in the order the list keeps them.
      expect(put.body.data.slice(0, environment.length)).toEqual(environment);
      expect(put.body.data.slice(environment.length)).toEqual(
        expect.arrayContaining([
          { uri: "https://app.example.com/sso/callback", source: "api", created_at: expect.any(String) },
          { uri: "http://127.0.0.1:4000/callback", source: "api", created_at: expect.any(String) },
        ]),
      );
      expect(put.body.data).toHaveLength(environment.length + 2);
      expect((await admin.get("/api/v1/sso/redirect-uris")).body).toEqual(put.body);

      for (const [entries, field, message] of [
        [["https://app.example.com/sso/callback", "http://app.example.com/callback"], "redirect_uris.1", 'The redirect URI "http://app.example.com/callback" must start with https:// (http:// is allowed only for localhost and 127.0.0.1)'],
        [["https://app.example.com/cb#top"], "redirect_uris.0", 'The redirect URI "https://app.example.com/cb#top" must not contain a # fragment'],
        [["/relative/callback"], "redirect_uris.0", 'The redirect URI "/relative/callback" is not a full URL (like https://app.example.com/sso/callback)'],
        [[""], "redirect_uris.0", "The redirect URI is empty"],
        [[42], "redirect_uris.0", "must be a string"],
        ["https://app.example.com", "redirect_uris", "must be an array"],
      ] as [unknown, string, string][]) {
        const res = await admin.put<ErrorBody>("/api/v1/sso/redirect-uris", { redirect_uris: entries });
        expect(res.status, res.text).toBe(400);
        expect(res.body.error.fields).toEqual({ [field]: message });
      }
      expect((await admin.get("/api/v1/sso/redirect-uris")).body).toEqual(put.body);
    } finally {
      await admin.put("/api/v1/sso/redirect-uris", { redirect_uris: stored });
    }
  });

  test("an organization's key may neither read nor change the allow-list", async () => {
    const org = await createOrganization(admin, "sso-uris");
    const key = apiClient((await createOrgKey(org.slug)).key);
    const before = (await admin.get("/api/v1/sso/redirect-uris")).body;
    const read = await key.get<ErrorBody>("/api/v1/sso/redirect-uris");
    const write = await key.put<ErrorBody>("/api/v1/sso/redirect-uris", { redirect_uris: ["https://evil.example.com/steal"] });
    for (const res of [read, write]) {
      expect(res.status, res.text).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
    expect((await admin.get("/api/v1/sso/redirect-uris")).body).toEqual(before);
  });
});
