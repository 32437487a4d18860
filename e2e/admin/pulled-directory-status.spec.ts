// Issue 14: the console's sync-status panel of a pulled directory. Support staff see how a CSV directory syncs
// (its kind, last and next sync, the outcome in words) and a pull the guard rail held, but cannot approve it; an
// admin approves one (the people leave) and discards another (nothing changes).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Locator } from "@playwright/test";
import { expect, test } from "../fixtures";
import { dsyncJson, newStaff } from "../support/cli";
import { signInToConsole } from "../support/console";
import { sql } from "../support/db";

const settle = () => new Promise((r) => setTimeout(r, 50));
const folder = mkdtempSync(path.join(tmpdir(), "console-csv-"));
let counter = 0;

/** Writes a CSV file and imports it with the CLI, as a customer's hourly job would. */
function importCsv(directoryId: string, csv: string) {
  const file = path.join(folder, `import-${counter++}.csv`);
  writeFileSync(file, csv);
  return dsyncJson<{ status: string; counts: Record<string, number> | null }>("directory", "import", "--dir", directoryId, "--file", file);
}

/** An organisation with a CSV directory of three people, then an import that drops two of them: held (67% > 30%). */
async function csvDirectoryWithHeldImport() {
  const slug = `console-pull-${Date.now().toString(36)}-${(counter++).toString(36)}`;
  dsyncJson("org", "create", "--name", `Pulled ${slug}`, "--slug", slug);
  const dir = dsyncJson<{ id: string }>("directory", "create-csv", "--org", slug, "--mode", "full");
  expect(importCsv(dir.id, "Email,First name,Last name\nada@pulled.test,Ada,Lovelace\ngrace@pulled.test,Grace,Hopper\nlinus@pulled.test,Linus,Torvalds\n"))
    .toMatchObject({ status: "succeeded", counts: { created: 3 } });
  expect(importCsv(dir.id, "Email,First name,Last name\nada@pulled.test,Ada,Lovelace\n")).toMatchObject({ status: "held", counts: { deactivated: 2 } });
  await settle();
  return dir;
}

/** The value beside a label in the panel's list of terms ("Outcome" → "Held for approval"). */
const item = (panel: Locator, label: string) => panel.locator("div").filter({ has: panel.page().locator("dt", { hasText: label }) }).locator("dd");

const activeUsers = async (directoryId: string) =>
  (await sql<{ userName: string }>(`SELECT "userName"::text AS "userName" FROM "DirectoryUser" WHERE "directoryId" = $1 AND "active" ORDER BY 1`, [directoryId])).map((u) => u.userName);

test("support sees a CSV directory's sync status and its held import, without Approve or Discard", async ({ page }) => {
  const dir = await csvDirectoryWithHeldImport();
  const support = newStaff("support");
  await signInToConsole(page, support);
  await page.goto(`/admin/directories/${dir.id}/users`);

  const panel = page.getByTestId("sync-status");
  await expect(panel.getByRole("heading", { name: "Sync status" })).toBeVisible();
  await expect(item(panel, "Kind")).toHaveText("CSV import");
  await expect(item(panel, "Outcome")).toHaveText("Held for approval");
  await expect(item(panel, "Last sync")).toHaveText(/\d{4}.* UTC$/);
  await expect(item(panel, "Next sync")).toHaveText("When a new file is imported");
  const held = panel.getByRole("status").filter({ hasText: "A sync is waiting for approval" });
  await expect(held).toContainText("this sync would deactivate 2 of 3 active users (67%), more than the 30% this directory allows at once");
  await expect(held).toContainText("It would create 0, update 0 and deactivate 2 users.");
  // Approving may deactivate many people at once: support staff are shown the held sync but not the buttons.
  await expect(panel.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await expect(panel.getByRole("button", { name: "Discard" })).toHaveCount(0);
  expect(await activeUsers(dir.id)).toEqual(["ada@pulled.test", "grace@pulled.test", "linus@pulled.test"]);
});

test("an admin approves a held import (the people leave) and discards another (nothing changes)", async ({ page }) => {
  const dir = await csvDirectoryWithHeldImport();
  const admin = newStaff("admin");
  await signInToConsole(page, admin);
  await page.goto(`/admin/directories/${dir.id}/users`);
  const panel = page.getByTestId("sync-status");
  const outcome = item(panel, "Outcome");
  await expect(outcome).toHaveText("Held for approval");

  await panel.getByRole("button", { name: "Approve" }).click();
  await expect(outcome).toHaveText("Succeeded");
  await expect(panel.getByText("A sync is waiting for approval")).toHaveCount(0);
  expect(await activeUsers(dir.id)).toEqual(["ada@pulled.test"]);
  // The approval is the admin's, kept in the sync's history.
  const [approved] = await sql<{ status: string }>(`SELECT "status"::text AS "status" FROM "DirectorySync" WHERE "directoryId" = $1 ORDER BY "id" DESC LIMIT 1`, [dir.id]);
  expect(approved!.status).toBe("succeeded");
  await page.getByRole("navigation", { name: "Directory" }).getByRole("link", { name: "Sync log" }).click();
  await expect(page.getByText("CSV import: deactivated grace@pulled.test").first()).toBeVisible();

  // The next file would take the last active person away: held again, and this time discarded.
  expect(importCsv(dir.id, "Email\nnobody-else@pulled.test\n")).toMatchObject({ status: "held" });
  await page.goto(`/admin/directories/${dir.id}/users`);
  await expect(outcome).toHaveText("Held for approval");
  await panel.getByRole("button", { name: "Discard" }).click();
  await expect(outcome).toHaveText("The held sync was discarded; nothing of it was applied");
  await expect(panel.getByText("A sync is waiting for approval")).toHaveCount(0);
  expect(await activeUsers(dir.id)).toEqual(["ada@pulled.test"]);
  expect(await sql(`SELECT 1 FROM "DirectoryUser" WHERE "directoryId" = $1 AND "userName" = 'nobody-else@pulled.test'`, [dir.id])).toHaveLength(0);
});

test("the console's directory page of a SCIM directory shows no pull status", async ({ page }) => {
  const admin = newStaff("admin");
  const slug = `console-scim-${Date.now().toString(36)}`;
  dsyncJson("org", "create", "--name", `Scim ${slug}`, "--slug", slug);
  const dir = dsyncJson<{ id: string }>("directory", "create", "--org", slug, "--provider", "okta", "--mode", "full");
  await settle();
  await signInToConsole(page, admin);
  await page.goto(`/admin/directories/${dir.id}/users`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByTestId("sync-status")).toHaveCount(0);
});
