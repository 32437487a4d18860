import { spawnSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Runs `npm run dsync -- … --json` against the e2e app's database and returns its one JSON object. */
export function dsyncJson<T = Record<string, unknown>>(...args: string[]): T {
  return dsyncJsonWithStdin<T>(undefined, ...args);
}

/** As `dsyncJson`, with `stdin` piped in (for `--password-stdin`). */
export function dsyncJsonWithStdin<T = Record<string, unknown>>(stdin: string | undefined, ...args: string[]): T {
  const dataDir = process.env.ROLLCALL_E2E_DATA_DIR;
  if (!dataDir) throw new Error("ROLLCALL_E2E_DATA_DIR is not set: run the specs through `npm run test:e2e`");
  return dsyncJsonAt({ dataDir, url: process.env.ROLLCALL_E2E_URL }, stdin, ...args);
}

/** As `dsyncJsonWithStdin`, against an app of the spec's own (lib/testing/start-app.ts) instead of the shared one. */
export function dsyncJsonAt<T = Record<string, unknown>>(app: { dataDir: string; url: string | undefined }, stdin: string | undefined, ...args: string[]): T {
  const result = spawnSync(process.execPath, ["--import", "tsx", "lib/cli/main.ts", ...args, "--json"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: "", DATA_DIR: app.dataDir, APP_URL: app.url },
    encoding: "utf8",
    ...(stdin !== undefined && { input: stdin }),
  });
  if (result.status !== 0) throw new Error(`dsync ${args.join(" ")} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

export type Directory = { id: string; orgId: string; scimBaseUrl: string; token: string };

let counter = 0;

/** A new organisation with one directory, unique per call, for specs that must not share state. */
export function newDirectory(provider = "generic", mode: "full" | "deprovision-only" = "full", app?: { dataDir: string; url: string }): Directory {
  const slug = `e2e-${Date.now().toString(36)}-${(counter++).toString(36)}`;
  const run = <T>(...args: string[]) => (app ? dsyncJsonAt<T>(app, undefined, ...args) : dsyncJson<T>(...args));
  run("org", "create", "--name", `E2E ${slug}`, "--slug", slug);
  return run<Directory>("directory", "create", "--org", slug, "--provider", provider, "--mode", mode);
}

export type StaffCredentials = { email: string; password: string; role: "admin" | "support" };

/** A new member of staff, created as an operator would (`staff create --password-stdin`), unique per call. */
export function newStaff(role: "admin" | "support"): StaffCredentials {
  const email = `${role}-${Date.now().toString(36)}-${(counter++).toString(36)}@staff.rollcall.test`;
  const password = `correct horse ${role} battery ${counter}`;
  dsyncJsonWithStdin(`${password}\n`, "staff", "create", "--email", email, "--role", role, "--password-stdin");
  return { email, password, role };
}
