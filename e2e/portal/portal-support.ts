import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page, TestInfo } from "@playwright/test";
import { dsyncJson } from "../support/cli";

let counter = 0;

export type SetupLinkJson = { id: string; url: string; token: string; expiresAt: string; orgId: string };

/** A new organisation and a setup link for it, both made with the real CLI, as support staff would. */
export function newOrgWithLink(name: string, options: { intent?: "sso" | "dsync" | "all"; expires?: string; supportContact?: string } = {}) {
  const slug = `portal-${Date.now().toString(36)}-${(counter++).toString(36)}`;
  dsyncJson("org", "create", "--name", name, "--slug", slug, ...(options.supportContact ? ["--support-contact", options.supportContact] : []));
  const link = dsyncJson<SetupLinkJson>("setup-link", "create", "--org", slug, "--intent", options.intent ?? "all", "--expires", options.expires ?? "7d");
  return { slug, link };
}

export function fixture(name: string): string {
  return readFileSync(path.resolve(import.meta.dirname, "../../lib/sso/fixtures", name), "utf8");
}

/** A full-page screenshot kept with the test's artefacts, for a person to look at. */
export async function snap(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

/** The CLI blocks this process while it runs; let idle keep-alive sockets close before the next fetch. */
export const settle = () => new Promise((r) => setTimeout(r, 50));

/** Opens a setup link and picks the identity provider, as the admin does on the first two steps. */
export async function openLinkAndPickProvider(page: Page, link: { url: string }, provider: RegExp) {
  await page.goto(link.url);
  await page.getByRole("button", { name: "Get started" }).click();
  await page.getByRole("radio", { name: provider }).check();
  await page.getByRole("button", { name: "Continue" }).click();
}
