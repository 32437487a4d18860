import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliRunner } from "@/lib/testing/cli-runner";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { startTestHttpServer, type TestHttpServer } from "@/lib/testing/test-http-server";

// Issue 11: `dsync sso set|show|remove`. APP_URL is a loopback address, as in development, so that the
// command may fetch the test identity provider's documents on loopback; nothing listens on APP_URL itself.
const APP_URL = "http://127.0.0.1:9";
const databaseUrl = setupTestDatabase();
const { dsync, dsyncWithStdin, dsyncJson, sql } = cliRunner(databaseUrl, { appUrl: APP_URL });

const FIXTURES = path.resolve(import.meta.dirname, "../sso/fixtures");
const OKTA_FILE = path.join(FIXTURES, "okta-metadata.xml");
const SECRET = "cli-client-secret-9vQ_2mZx";

type Row = { id: string; protocol: string; provider: string; allowIdpInitiated: boolean; oidcClientId: string | null; oidcClientSecret: string | null; samlIdpEntityId: string | null; updatedAt: Date };
const rowOf = async (slug: string) =>
  (await sql<Row>(`SELECT s.* FROM "SsoConnection" s JOIN "Organization" o ON o.id = s."organizationId" WHERE o.slug = $1`, [slug]))[0];

let idp: TestHttpServer;
beforeAll(async () => {
  idp = await startTestHttpServer((req, res, base) => {
    if (req.url === "/oauth2/default/.well-known/openid-configuration") {
      const issuer = `${base}/oauth2/default`;
      return res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ issuer, authorization_endpoint: `${issuer}/v1/authorize`, token_endpoint: `${issuer}/v1/token`, jwks_uri: `${issuer}/v1/keys` }));
    }
    res.writeHead(404).end();
  });
});
afterAll(() => idp.close());

// Each step spawns the CLI (tsx, a migration check, a database connection): seconds apiece on a loaded machine.
describe("dsync sso", { timeout: 240_000 }, () => {
  it("sso show answers our side before anything is configured", async () => {
    const org = await dsyncJson("org", "create", "--name", "Acme", "--slug", "acme");
    const ours = {
      entityId: `${APP_URL}/sso/saml/${String(org.id)}`,
      acsUrl: `${APP_URL}/sso/saml/${String(org.id)}/acs`,
      metadataUrl: `${APP_URL}/sso/saml/${String(org.id)}/metadata`,
      redirectUri: `${APP_URL}/sso/oidc/${String(org.id)}/callback`,
    };
    expect(await dsyncJson("sso", "show", "--org", "acme")).toEqual({ org: "acme", orgId: org.id, serviceProvider: ours, connection: null });
    const text = await dsync("sso", "show", "--org", "acme");
    expect(text.stdout).toContain("No SSO connection for Acme (acme) yet.");
    expect(text.stdout).toContain(`ACS URL:        ${ours.acsUrl}`);
    expect(text.stdout).toContain(`Redirect URI:   ${ours.redirectUri}`);
  });

  it("sso set configures SAML from a metadata file, and --no-allow-idp-initiated turns IdP-initiated sign-in off again", async () => {
    const set = await dsyncJson("sso", "set", "--org", "acme", "--provider", "okta", "--metadata-file", OKTA_FILE, "--allow-idp-initiated");
    expect(set).toMatchObject({
      org: "acme",
      serviceProvider: { acsUrl: expect.stringMatching(/\/acs$/) },
      connection: { id: expect.stringMatching(/^sso_/), protocol: "saml", provider: "okta", idpEntityId: "http://www.okta.com/exk1fcia6d6EMsf331d8", metadataUrl: null, allowIdpInitiated: true },
    });
    expect(await rowOf("acme")).toMatchObject({ protocol: "saml", provider: "okta", allowIdpInitiated: true });

    // From stdin this time; left out, the provider and the IdP-initiated choice stay.
    const again = await dsyncWithStdin(readFileSync(OKTA_FILE, "utf8"), "sso", "set", "--org", "acme", "--metadata-file", "-", "--json");
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).connection).toMatchObject({ provider: "okta", allowIdpInitiated: true });

    const off = await dsync("sso", "set", "--org", "acme", "--metadata-file", OKTA_FILE, "--no-allow-idp-initiated");
    expect(off.code, off.stderr).toBe(0);
    expect(off.stdout).toMatch(/^Saved the SAML connection of acme\.$/m);
    expect(off.stdout).toMatch(/IdP-initiated: +refused/);
    expect(off.stdout).toMatch(/Certificates: +.*CN=dev-12345678/);
    expect((await rowOf("acme"))!.allowIdpInitiated).toBe(false);
  });

  it("sso set configures OpenID Connect with --client-secret-stdin; the secret is stored sealed and never printed", async () => {
    await dsyncJson("org", "create", "--name", "Initech", "--slug", "initech");
    const issuer = `${idp.url}/oauth2/default`;
    const run = await dsyncWithStdin(`${SECRET}\n`, "sso", "set", "--org", "initech", "--issuer", issuer, "--client-id", "0oa-cli", "--client-secret-stdin", "--json");
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).connection).toEqual({
      id: expect.stringMatching(/^sso_/),
      organizationId: expect.stringMatching(/^org_/),
      provider: "generic",
      protocol: "oidc",
      issuer,
      clientId: "0oa-cli",
      hasClientSecret: true,
      endpoints: { issuer, authorizationEndpoint: `${issuer}/v1/authorize`, tokenEndpoint: `${issuer}/v1/token`, jwksUri: `${issuer}/v1/keys` },
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const row = await rowOf("initech");
    expect(row!.oidcClientSecret).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(SECRET);

    // No terminal and no --client-secret-stdin: the stored secret is kept for the same client ID.
    const kept = await dsync("sso", "set", "--org", "initech", "--issuer", issuer, "--client-id", "0oa-cli");
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).toContain("Client secret:  stored (never shown)");
    expect((await rowOf("initech"))!.oidcClientSecret).toBe(row!.oidcClientSecret);
    for (const out of [run.stdout, run.stderr, kept.stdout, kept.stderr, (await dsync("sso", "show", "--org", "initech", "--json")).stdout]) expect(out).not.toContain(SECRET);
  });

  it("sso remove deletes the connection; a second remove says there is none", async () => {
    expect(await dsyncJson("sso", "remove", "--org", "initech")).toEqual({ org: "initech", orgId: expect.stringMatching(/^org_/), removed: true });
    expect(await rowOf("initech")).toBeUndefined();
    expect((await dsyncJson("sso", "show", "--org", "initech")).connection).toBeNull();
    const again = await dsync("sso", "remove", "--org", "initech");
    expect(again.code).toBe(1);
    expect(again.stderr).toBe("error: The organization has no SSO connection to remove\n");
  });

  it.each([
    [["sso", "set", "--org", "acme"], 2, "error: give --metadata-url or --metadata-file for SAML, or --issuer and --client-id for OpenID Connect"],
    [["sso", "set", "--org", "acme", "--metadata-file", OKTA_FILE, "--issuer", "https://idp.example.com"], 2, "error: --metadata-file is for SAML and --issuer for OpenID Connect: give the options of one protocol"],
    [["sso", "set", "--org", "acme", "--allow-idp-initiated"], 2, "error: --metadata-url or --metadata-file is required with SAML"],
    [["sso", "set", "--org", "acme", "--metadata-file", OKTA_FILE, "--allow-idp-initiated", "--no-allow-idp-initiated"], 2, "error: give --allow-idp-initiated or --no-allow-idp-initiated, not both"],
    [["sso", "set", "--org", "acme", "--metadata-file", "missing.xml"], 2, "error: cannot read --metadata-file missing.xml: no such file"],
    [["sso", "set", "--org", "acme", "--metadata-file", path.join(FIXTURES, "expired-cert-metadata.xml")], 1, "error: The signing certificate expired on 12 March 2024; download fresh metadata from Okta (--metadata-file)"],
    [["sso", "set", "--org", "acme", "--metadata-file", path.join(FIXTURES, "broken-metadata.xml")], 1, /^error: The metadata is not well-formed XML.* \(--metadata-file\)$/],
    [["sso", "set", "--org", "acme", "--metadata-file", OKTA_FILE, "--metadata-url", "https://idp.example.com/md"], 1, "error: Give either the metadata XML or its URL, not both (--metadata-file)"],
    [["sso", "set", "--org", "acme", "--metadata-url", "http://idp.example.com/md"], 1, "error: The metadata URL must start with https:// (an http:// address is not protected in transit) (--metadata-url)"],
    [["sso", "set", "--org", "acme", "--provider", "ping", "--metadata-file", OKTA_FILE], 1, "error: Choose your identity provider (--provider)"],
    [["sso", "set", "--org", "acme", "--issuer", "https://idp.example.com"], 1, "error: Enter the client ID (--client-id)"],
    [["sso", "set", "--org", "acme", "--client-id", "0oa1"], 1, "error: Enter the issuer URL, like https://acme.okta.com (--issuer)"],
    [["sso", "set", "--org", "acme", "--issuer", "IDP/oauth2/default", "--client-id", "0oa1"], 1, "error: Enter the client secret that Okta shows with this client ID (--client-secret-stdin)"],
    [["sso", "set", "--org", "acme", "--issuer", "IDP/oauth2/wrong", "--client-id", "0oa1", "--client-secret-stdin"], 1, "error: The issuer answered 404 Not Found at IDP/oauth2/wrong/.well-known/openid-configuration: check the issuer URL (--issuer)"],
    [["sso", "set", "--org", "nope", "--metadata-file", OKTA_FILE], 1, 'error: No organization with slug "nope"'],
    [["sso", "show"], 2, "error: --org is required"],
    [["sso", "remove", "--org", "nope"], 1, 'error: No organization with slug "nope"'],
  ] as [string[], number, string | RegExp][])("%j fails with exit %i and one line, and changes nothing", async (args, code, message) => {
    const before = await rowOf("acme");
    const run = await dsyncWithStdin(`${SECRET}\n`, ...args.map((a) => a.replace("IDP", idp.url)));
    expect(run.code, run.stderr).toBe(code);
    expect(run.stdout).toBe("");
    const expected = typeof message === "string" ? `${message.replaceAll("IDP", idp.url)}\n` : message;
    if (typeof expected === "string") expect(run.stderr).toBe(expected);
    else expect(run.stderr.trimEnd()).toMatch(expected);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(await rowOf("acme")).toEqual(before);
  });
});
