import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSetupLink } from "@/lib/auth/create-setup-link";
import { openSetupLink } from "@/lib/auth/open-setup-link";
import { sql } from "@/lib/db/sql";
import { openSecret } from "@/lib/events/secret-box";
import { createOrganization } from "@/lib/organizations/create-organization";
import { startGoogleAdminStandIn } from "@/lib/testing/google-admin-stand-in";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { chooseProvider } from "./choose-provider";
import { completeGoogleConnection } from "./complete-google-connection";
import { startGoogleConnection } from "./start-google-connection";

setupTestDatabase();

let google: Awaited<ReturnType<typeof startGoogleAdminStandIn>>;
const saved: Record<string, string | undefined> = {};
const ENV = ["GOOGLE_OAUTH_CLIENT_ID", "GOOGLE_OAUTH_CLIENT_SECRET", "GOOGLE_API_BASE_URL", "GOOGLE_OAUTH_TOKEN_URL", "GOOGLE_OAUTH_AUTH_URL"];
beforeAll(async () => {
  google = await startGoogleAdminStandIn({ clientId: "client.apps.googleusercontent.com", clientSecret: "secret" });
  for (const k of ENV) saved[k] = process.env[k];
  Object.assign(process.env, {
    GOOGLE_OAUTH_CLIENT_ID: "client.apps.googleusercontent.com", GOOGLE_OAUTH_CLIENT_SECRET: "secret", GOOGLE_API_BASE_URL: `${google.url}/`,
    GOOGLE_OAUTH_TOKEN_URL: `${google.url}/token`, GOOGLE_OAUTH_AUTH_URL: `${google.url}/o/oauth2/v2/auth`,
  });
});
afterAll(async () => {
  for (const k of ENV) if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k];
  await google.close();
});

let slugs = 0;
async function portal() {
  const org = await createOrganization({ name: "Acme", slug: `gconnect-${slugs++}` });
  await chooseProvider({ organizationId: org.id, provider: "google" });
  const { token } = await createSetupLink({ organizationId: org.id, createdBy: "test" });
  const opened = await openSetupLink({ token });
  if (!opened.ok) throw new Error("link did not open");
  return { organizationId: org.id, portalSessionId: opened.sessionId };
}

/** What Google's consent screen does when the admin clicks Allow (or Deny): the redirect back, as query parameters. */
async function consent(url: string, choice: "Allow" | "Deny", scope?: string) {
  const consentUrl = new URL(url);
  if (scope !== undefined) consentUrl.searchParams.set("scope", scope);
  const html = await (await fetch(consentUrl)).text();
  const href = new RegExp(`<a href="([^"]+)">${choice}</a>`).exec(html)![1]!.replace(/&amp;/g, "&");
  return Object.fromEntries(new URL(href).searchParams) as { code?: string; state?: string; error?: string };
}

const directoryOf = async (organizationId: string) =>
  (await sql.query<{ id: string; source: string; googleRefreshToken: string | null; syncMode: string }>(
    `SELECT "id", "source"::text AS "source", "googleRefreshToken", "syncMode"::text AS "syncMode" FROM "Directory" WHERE "organizationId" = $1`, [organizationId]));

describe("connecting Google Workspace from the portal (OAuth, against the stand-in)", () => {
  it("asks for the three read-only scopes offline, then stores the refresh token sealed and creates the directory", async () => {
    const p = await portal();
    const { url } = await startGoogleConnection({ ...p, syncMode: "DEPROVISION_ONLY" });
    const q = new URL(url).searchParams;
    expect(q.get("scope")!.split(" ").sort()).toEqual([
      "https://www.googleapis.com/auth/admin.directory.group.member.readonly",
      "https://www.googleapis.com/auth/admin.directory.group.readonly",
      "https://www.googleapis.com/auth/admin.directory.user.readonly",
    ]);
    expect([q.get("access_type"), q.get("prompt"), q.get("client_id")]).toEqual(["offline", "consent", "client.apps.googleusercontent.com"]);
    const back = await consent(url, "Allow");
    const result = await completeGoogleConnection({ ...p, connectedBy: "portal:test", query: back });
    expect(result).toMatchObject({ ok: true });
    const [dir] = await directoryOf(p.organizationId);
    expect(dir).toMatchObject({ source: "google", syncMode: "DEPROVISION_ONLY" });
    expect(dir!.googleRefreshToken).not.toMatch(/^refresh-/);
    expect(openSecret(dir!.googleRefreshToken!, `directory:${dir!.id}:google`)).toMatch(/^refresh-/);

    // The same return URL again: the state was used, nothing changes.
    expect(await completeGoogleConnection({ ...p, connectedBy: "portal:test", query: back })).toEqual({ ok: false, problem: "state" });
  });

  it("refuses a state from another portal session or organisation, a denial and a partial consent, and changes nothing", async () => {
    const a = await portal();
    const b = await portal();
    const started = await startGoogleConnection({ ...a, syncMode: "FULL" });
    const back = await consent(started.url, "Allow");
    expect(await completeGoogleConnection({ ...b, connectedBy: "portal:b", query: back })).toEqual({ ok: false, problem: "state" });
    expect(await completeGoogleConnection({ organizationId: a.organizationId, portalSessionId: b.portalSessionId, connectedBy: "portal:b", query: back })).toEqual({ ok: false, problem: "state" });

    const denied = await consent((await startGoogleConnection({ ...a, syncMode: "FULL" })).url, "Deny");
    expect(await completeGoogleConnection({ ...a, connectedBy: "portal:a", query: denied })).toEqual({ ok: false, problem: "denied" });

    const partial = await consent((await startGoogleConnection({ ...a, syncMode: "FULL" })).url, "Allow", "https://www.googleapis.com/auth/admin.directory.user.readonly");
    expect(await completeGoogleConnection({ ...a, connectedBy: "portal:a", query: partial })).toEqual({ ok: false, problem: "scopes" });

    expect(await completeGoogleConnection({ ...a, connectedBy: "portal:a", query: { state: "made-up", code: "code-x" } })).toEqual({ ok: false, problem: "state" });
    expect(await directoryOf(a.organizationId)).toEqual([]);
    expect(await directoryOf(b.organizationId)).toEqual([]);
  });
});
