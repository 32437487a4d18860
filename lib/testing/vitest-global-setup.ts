import type { TestProject } from "vitest/node";
import { startThrowawayPostgres } from "./throwaway-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

/** One throwaway PostgreSQL for the whole run; each test file clones its own database from the template. */
export default async function setup(project: TestProject) {
  const pg = await startThrowawayPostgres({ database: "rollcall_template" });
  project.provide("pgAdminUrl", pg.adminUrl);
  project.provide("pgTemplate", "rollcall_template");
  return async () => {
    await pg.stop();
  };
}
