import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createOrganization } from "@/lib/organizations/create-organization";
import { replaceRedirectUris } from "@/lib/sso/replace-redirect-uris";
import { saveOidcConnection } from "@/lib/sso/save-oidc-connection";
import { serviceProviderDetails } from "@/lib/sso/service-provider";
import { signInAtTestProvider, startTestOidcProvider, type TestOidcProvider } from "@/lib/testing/oidc-test-provider";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { exchangeSignInCode } from "./exchange-sign-in-code";
import { handleOidcCallback } from "./handle-oidc-callback";
import { startSignIn } from "./start-sign-in";

process.env.SECRET_KEY ??= randomBytes(32).toString("hex");

setupTestDatabase();

const HOST = "http://127.0.0.1:4999/callback";
let provider: TestOidcProvider;
let orgId: string;
let callback: string;

beforeAll(async () => {
  await replaceRedirectUris({ uris: [HOST] });
  const org = await createOrganization({ name: "Acme", slug: `oidc-${Date.now().toString(36)}`, domains: ["acme.test"] });
  orgId = org.id;
  callback = serviceProviderDetails(org.id).redirectUri;
  provider = await startTestOidcProvider({
    clientId: "rollcall-test",
    clientSecret: "rollcall-test-secret-0123456789",
    redirectUris: [callback],
    accounts: {
      ada: { email: "ada@acme.test", email_verified: true, given_name: "Ada", family_name: "Lovelace" },
      unverified: { email: "eve@acme.test", email_verified: false },
      outsider: { email: "mallory@elsewhere.test", email_verified: true },
    },
  });
  await saveOidcConnection({ organizationId: org.id, provider: "okta", issuer: provider.issuer, clientId: "rollcall-test", clientSecret: "rollcall-test-secret-0123456789" });
}, 60_000);
afterAll(() => provider?.close());

async function signIn(login: string) {
  const step = await startSignIn({ organization: orgId, redirect_uri: HOST, state: `st-${login}` });
  if (step.kind !== "redirect") throw new Error("OIDC starts with a redirect");
  const authorize = new URL(step.url);
  const back = await signInAtTestProvider(step.url, login, callback);
  const exit = await handleOidcCallback({ organizationId: orgId, callbackUrl: back });
  if (exit.kind !== "redirect") throw new Error(`error page: ${exit.error.reason}`);
  return { authorize, back, host: new URL(exit.url) };
}

describe("OIDC sign-in against oidc-provider on loopback", () => {
  it("uses PKCE, state and nonce, reads the email from userinfo, and the host exchanges the code", async () => {
    const { authorize, back, host } = await signIn("ada");
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ code_challenge_method: "S256", scope: "openid email profile", response_type: "code" });
    expect(authorize.searchParams.get("nonce")).toBeTruthy();
    expect(authorize.searchParams.get("state")).toBeTruthy();
    expect(host.searchParams.get("state")).toBe("st-ada");
    const code = host.searchParams.get("code")!;
    const result = await exchangeSignInCode({ code, redirectUri: HOST, organizationScope: orgId });
    expect(result.profile).toMatchObject({ connection_type: "oidc", idp_id: "ada", idp_id_format: "sub", email: "ada@acme.test", first_name: "Ada", last_name: "Lovelace" });
    expect(result.account).toMatchObject({ source: "jit", created: true });

    // The IdP's redirect replayed: the state was consumed, so nothing more happens.
    const replay = await handleOidcCallback({ organizationId: orgId, callbackUrl: back });
    expect(replay.kind === "page" && replay.error.reason).toBe("unknown_state");
  });

  it.each([
    ["email_verified: false", "unverified", "access_denied", /not verified/],
    ["an email outside the organization's domains", "outsider", "access_denied", /outside this organization's domains/],
  ])("refuses %s and tells the host why", async (_name, login, error, description) => {
    const { host } = await signIn(login);
    expect(host.searchParams.get("code")).toBeNull();
    expect(host.searchParams.get("error")).toBe(error);
    expect(host.searchParams.get("error_description")).toMatch(description);
    const entry = await db.signInAttempt.findFirstOrThrow({ where: { organizationId: orgId, state: `st-${login}` } });
    expect(entry).toMatchObject({ status: "failed", errorCode: error });
  });

  it("refuses a callback whose state was never issued", async () => {
    const exit = await handleOidcCallback({ organizationId: orgId, callbackUrl: new URL(`${callback}?code=abc&state=forged`) });
    expect(exit.kind === "page" && exit.error.reason).toBe("unknown_state");
  });
});
