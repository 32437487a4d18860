import { expect, type Page } from "@playwright/test";
import type { StaffCredentials } from "./cli";

/**
 * Signs in through the console's own sign-in page, as a member of staff would, and waits for the console. `appUrl`
 * for a spec's own app (lib/testing/start-app.ts); the shared one by default.
 */
export async function signInToConsole(page: Page, staff: Pick<StaffCredentials, "email" | "password">, appUrl = "") {
  await page.goto(`${appUrl}/admin/sign-in`);
  await page.getByLabel("Email").fill(staff.email);
  await page.getByLabel("Password").fill(staff.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/admin\/organizations/);
  await expect(page.getByTestId("staff-email")).toHaveText(staff.email);
}
