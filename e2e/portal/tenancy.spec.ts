// Issue 5: a portal session sees and changes only its own organisation; a change without the session, or
// from another origin, is refused. Proven at the HTTP level, with a real server action request replayed.
import type { Browser, Request as PwRequest } from "@playwright/test";
import { expect, test } from "../fixtures";
import { sql } from "../support/db";
import { scimClient } from "../support/scim";
import { newOrgWithLink, settle } from "./portal-support";

/** An organisation whose admin went through the wizard to directory sync (full mode), in its own browser context. */
async function tenant(browser: Browser, name: string) {
  const { link } = newOrgWithLink(name, { intent: "dsync" });
  await settle();
  const context = await browser.newContext({ baseURL: process.env.ROLLCALL_E2E_URL });
  const page = await context.newPage();
  await page.goto(link.url);
  await page.getByRole("button", { name: "Get started" }).click();
  await page.getByRole("radio", { name: /^Okta/ }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("radio", { name: /Full provisioning/ }).check();
  await page.getByRole("button", { name: "Generate SCIM URL and token" }).click();
  await expect(page.getByLabel("SCIM connector base URL")).toHaveValue(/\/scim\/v2\/dir_/);
  const scim = scimClient({ scimBaseUrl: await page.getByLabel("SCIM connector base URL").inputValue(), token: await page.getByLabel("Authorization (Bearer token)").inputValue() });
  const cookie = (await context.cookies()).find((c) => c.name === "rollcall_portal");
  if (!cookie) throw new Error("no portal cookie");
  const [row] = await sql<{ directoryId: string }>(`SELECT "directoryId" FROM "SetupProgress" WHERE "organizationId" = $1`, [link.orgId]);
  return { link, context, page, scim, cookie: `${cookie.name}=${cookie.value}`, directoryId: row!.directoryId };
}

const modeOf = async (directoryId: string) => (await sql<{ syncMode: string }>(`SELECT "syncMode"::text FROM "Directory" WHERE "id" = $1`, [directoryId]))[0]!.syncMode;

test("portal JSON routes and server actions act on the session's organisation only, and refuse a foreign origin or no session", async ({ browser, request }) => {
  const a = await tenant(browser, "Tenant A");
  const b = await tenant(browser, "Tenant B");
  const base = process.env.ROLLCALL_E2E_URL!;

  // JSON: each cookie sees its own directory; no cookie is a 401 JSON answer; naming B in the query changes nothing.
  const overview = async (cookie?: string, query = "") => request.get(`${base}/setup/api/overview${query}`, { headers: cookie ? { cookie } : {} });
  expect(((await (await overview(a.cookie)).json()) as { directory: { id: string } }).directory.id).toBe(a.directoryId);
  expect(((await (await overview(a.cookie, `?directory=${b.directoryId}`)).json()) as { directory: { id: string } }).directory.id).toBe(a.directoryId);
  const anonymous = await overview();
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toMatchObject({ error: { code: "unauthorized" } });
  const foreignPost = await request.post(`${base}/setup/api/overview`, { headers: { cookie: a.cookie, origin: "https://evil.example" } });
  expect(foreignPost.status()).toBeGreaterThanOrEqual(400);

  // The sync log: the scope is the session's directory; naming B's organisation or directory in the query is ignored.
  expect((await a.scim.get("/Users?startIndex=1&count=1")).status).toBe(200);
  expect((await b.scim.get("/Users?startIndex=1&count=1")).status).toBe(200);
  expect((await b.scim.get("/Groups")).status).toBe(200);
  const log = async (cookie?: string, query = "") => request.get(`${base}/setup/api/sync-log${query}`, { headers: cookie ? { cookie } : {} });
  type LogPage = { data: { directory: { id: string }; organization: { id: string }; summary: string }[]; nextCursor: string | null };
  for (const query of ["", `?organizationId=${b.link.orgId}&directoryId=${b.directoryId}&directory=${b.directoryId}`]) {
    const res = await log(a.cookie, query);
    expect(res.status()).toBe(200);
    const page = (await res.json()) as LogPage;
    expect(page.nextCursor).toBeNull();
    expect(page.data).toHaveLength(1);
    expect(page.data[0]?.summary).toMatch(/^Okta /);
    expect(page.data.every((e) => e.directory.id === a.directoryId && e.organization.id === a.link.orgId)).toBe(true);
  }
  expect(((await (await log(b.cookie)).json()) as LogPage).data).toHaveLength(2);
  const badFilter = await log(a.cookie, "?outcome=maybe");
  expect(badFilter.status()).toBe(400);
  expect(await badFilter.json()).toMatchObject({ error: { message: expect.stringContaining("outcome must be all, success, refused or failed") } });
  expect((await log()).status()).toBe(401);

  // A's admin changes the sync mode in the UI; the browser's server action request is captured to replay.
  await a.page.goto("/setup/done");
  await a.page.getByRole("radio", { name: /Deprovision-only/ }).check();
  const captured: Promise<PwRequest> = a.page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await a.page.getByRole("button", { name: "Change sync mode" }).click();
  const action = await captured;
  await expect(a.page.getByText(/Saved: Deprovision-only/)).toBeVisible();
  expect(await modeOf(a.directoryId)).toBe("DEPROVISION_ONLY");
  await a.page.getByRole("radio", { name: /Full provisioning/ }).check();
  await a.page.getByRole("button", { name: "Change sync mode" }).click();
  await expect(a.page.getByText(/Saved: Full provisioning/)).toBeVisible();

  const headers = await action.allHeaders();
  const replay = (extra: Record<string, string>) =>
    request.post(action.url(), {
      headers: {
        "next-action": headers["next-action"]!,
        "content-type": headers["content-type"] ?? "text/plain;charset=UTF-8",
        accept: "text/x-component",
        ...(headers["next-router-state-tree"] && { "next-router-state-tree": headers["next-router-state-tree"] }),
        ...extra,
      },
      data: action.postData() ?? "",
      maxRedirects: 0,
    });

  // No session: refused, and nothing changed anywhere.
  const noCookie = await replay({ origin: base });
  expect(await noCookie.text()).toContain("Your setup session has ended");
  // B's session from another site: Next.js refuses the action before it runs.
  const foreign = await replay({ origin: "https://evil.example", cookie: b.cookie });
  expect(foreign.status(), await foreign.text()).toBeGreaterThanOrEqual(400);
  expect(await modeOf(a.directoryId)).toBe("FULL");
  expect(await modeOf(b.directoryId)).toBe("FULL");

  // The same request with B's session from our own origin changes B, never A: the organisation comes from the cookie.
  const asB = await replay({ origin: base, cookie: b.cookie });
  expect(asB.status()).toBe(200);
  expect(await modeOf(b.directoryId)).toBe("DEPROVISION_ONLY");
  expect(await modeOf(a.directoryId)).toBe("FULL");

  await a.context.close();
  await b.context.close();
});
