import { spawn } from "node:child_process";
import type pg from "pg";
import { expect } from "vitest";
import { queryOnce } from "./query-once";

export type CliRun = { code: number | null; stdout: string; stderr: string };

/**
 * Runs `npm run dsync -- …` as an operator would, in a child process, against the database `databaseUrl()`
 * names; plus plain SQL on that database for checking what the command did (or did not) write. A loopback
 * `appUrl` lets the command fetch from a test server on loopback, as Rollcall allows only in development.
 */
export function cliRunner(databaseUrl: () => string, { appUrl = "https://rollcall.test" }: { appUrl?: string } = {}) {
  function dsync(...args: string[]): Promise<CliRun> {
    return dsyncWithStdin(undefined, ...args);
  }

  /** As `dsync`, with `stdin` piped in and then closed (undefined: an open, silent stdin, as before). */
  function dsyncWithStdin(stdin: string | undefined, ...args: string[]): Promise<CliRun> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/main.ts", ...args], {
        env: { ...process.env, DATABASE_URL: databaseUrl(), APP_URL: appUrl },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      child.on("close", (code) => resolve({ code, stdout, stderr }));
      if (stdin !== undefined) child.stdin.end(stdin);
    });
  }

  async function dsyncJson(...args: string[]) {
    const run = await dsync(...args, "--json");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim().split("\n"), "exactly one JSON object on stdout").toHaveLength(1);
    return JSON.parse(run.stdout) as Record<string, unknown>;
  }

  const sql = <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) => queryOnce<T>(databaseUrl(), text, params);

  return { dsync, dsyncWithStdin, dsyncJson, sql };
}
