import { test as base } from "@playwright/test";

/** Every spec talks to the app that e2e/global-setup.ts started. */
export const test = base.extend({
  baseURL: async ({}, use) => {
    await use(process.env.ROLLCALL_E2E_URL);
  },
});

export { expect } from "@playwright/test";

export function appUrl(): string {
  const url = process.env.ROLLCALL_E2E_URL;
  if (!url) throw new Error("ROLLCALL_E2E_URL is not set: run the specs through `npm run test:e2e`");
  return url;
}
