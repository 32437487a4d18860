import { spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { findRunningEmbeddedPostgres } from "../db/find-running-embedded-postgres";
import { freePort } from "./free-port";

export type RunningApp = {
  url: string;
  dataDir: string;
  process: ChildProcess;
  /** Everything the launcher and its children printed so far. */
  output: () => string;
  stop: () => Promise<void>;
};

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The URL of the embedded PostgreSQL that a running app serves from `dataDir`, found as the CLI finds it. */
export async function embeddedDatabaseUrl(dataDir: string): Promise<string> {
  const url = await findRunningEmbeddedPostgres(dataDir);
  if (url === undefined) throw new Error(`No embedded PostgreSQL runs in ${dataDir}`);
  return url;
}

/**
 * Runs `npm start`'s launcher with its own DATA_DIR and ports, and waits until /api/health says ok.
 * With `dataDir`, it starts on that existing directory (a restart) and leaves it in place on stop. With `root`, it
 * runs another checkout's launcher (its own build), as bench:scim-compare does to measure an older version beside this one.
 */
export async function startApp(env: Record<string, string> = {}, { dataDir: given, root = ROOT }: { dataDir?: string; root?: string } = {}): Promise<RunningApp> {
  const dataDir = given ?? (await mkdtemp(path.join(tmpdir(), "rollcall-e2e-")));
  // The embedded server runs as the `postgres` user, which must be able to enter this directory.
  if (!given) await chmod(dataDir, 0o755);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", "lib/server/main.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, PORT: String(port), APP_URL: url, EMBEDDED_PG_PORT: String(await freePort()), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));

  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Rollcall exited during start-up (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`Rollcall did not become healthy within 3 minutes:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    url,
    dataDir,
    process: child,
    output: () => output,
    stop: async () => {
      // A child killed by a signal has a signalCode and no exitCode; its exit event has already fired.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      if (!given) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
