import { spawnSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Runs `npm run dsync -- … --json` against the e2e app's database and returns its one JSON object. */
export function dsyncJson<T = Record<string, unknown>>(...args: string[]): T {
  const dataDir = process.env.ROLLCALL_E2E_DATA_DIR;
  if (!dataDir) throw new Error("ROLLCALL_E2E_DATA_DIR is not set: run the specs through `npm run test:e2e`");
  const result = spawnSync(process.execPath, ["--import", "tsx", "lib/cli/main.ts", ...args, "--json"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, APP_URL: process.env.ROLLCALL_E2E_URL },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`dsync ${args.join(" ")} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

export type Directory = { id: string; orgId: string; scimBaseUrl: string; token: string };

let counter = 0;

/** A new organisation with one directory, unique per call, for specs that must not share state. */
export function newDirectory(provider = "generic", mode: "full" | "deprovision-only" = "full"): Directory {
  const slug = `e2e-${Date.now().toString(36)}-${(counter++).toString(36)}`;
  dsyncJson("org", "create", "--name", `E2E ${slug}`, "--slug", slug);
  return dsyncJson<Directory>("directory", "create", "--org", slug, "--provider", provider, "--mode", mode);
}
