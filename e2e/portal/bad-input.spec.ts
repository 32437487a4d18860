// Issue 5, proof 5: broken metadata, an expired certificate and a wrong OIDC issuer each get a message at
// their field, and nothing is saved.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "../fixtures";
import { sql } from "../support/db";
import { fixture, newOrgWithLink, settle, snap } from "./portal-support";

let notFound: Server;
let issuer = "";

test.beforeAll(async () => {
  // An issuer that answers, but has no discovery document: every path is a 404.
  notFound = createServer((_req, res) => res.writeHead(404, { "content-type": "text/plain" }).end("Not Found"));
  await new Promise<void>((resolve) => notFound.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(notFound.address() as AddressInfo).port}/oauth2/default`;
});

test.afterAll(async () => {
  await new Promise((resolve) => notFound.close(resolve));
});

test("bad SAML metadata and a wrong OIDC issuer are refused at their field; nothing is saved", async ({ page }, testInfo) => {
  const { link } = newOrgWithLink("Umbrella Corp", { intent: "sso" });
  await settle();
  await page.goto(link.url);
  await page.getByRole("button", { name: "Get started" }).click();
  await page.getByRole("radio", { name: /^Okta/ }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/setup\/sso$/);

  const xml = page.getByLabel("Metadata XML");
  const save = page.getByRole("button", { name: "Save and continue" });

  await save.click();
  await expect(page.locator("#metadata-xml-error")).toContainText("Paste");

  await xml.fill(fixture("broken-metadata.xml"));
  await save.click();
  await expect(xml).toHaveAttribute("aria-invalid", "true");
  const brokenMessage = page.locator("#metadata-xml-error");
  await expect(brokenMessage).toContainText("The metadata is not well-formed XML");
  await expect(xml).toHaveAttribute("aria-describedby", /metadata-xml-error/);
  await snap(page, testInfo, "bad-broken-metadata");

  await xml.fill(fixture("expired-cert-metadata.xml"));
  await save.click();
  await expect(page.locator("#metadata-xml-error")).toContainText(/expired/i);
  await snap(page, testInfo, "bad-expired-certificate");

  await page.getByRole("radio", { name: /OpenID Connect/ }).check();
  await page.getByRole("textbox", { name: "Issuer URL" }).fill(issuer);
  await page.getByRole("textbox", { name: "Client ID" }).fill("0oa1b2c3d4");
  await page.locator("#oidc-client-secret").fill("s3cret-value");
  await save.click();
  await expect(page.locator("#oidc-issuer-error")).toContainText(/404|not found|discovery/i);
  await expect(page).toHaveURL(/\/setup\/sso$/);
  await snap(page, testInfo, "bad-oidc-issuer");

  expect(await sql(`SELECT 1 FROM "SsoConnection" WHERE "organizationId" = $1`, [link.orgId])).toHaveLength(0);
  const [progress] = await sql<{ completedSteps: string[] }>(`SELECT "completedSteps" FROM "SetupProgress" WHERE "organizationId" = $1`, [link.orgId]);
  expect(progress?.completedSteps).not.toContain("sso");
});
