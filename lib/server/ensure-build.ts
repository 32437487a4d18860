import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SOURCES = ["app", "components", "lib", "public", "next.config.js", "package-lock.json"];

/** Builds the production bundle when there is none, or when a source file is newer than it. */
export async function ensureBuild(log: (line: string) => void) {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  if (existsSync(buildId) && newestSourceTime() <= statSync(buildId).mtimeMs) return;
  log("Building the app (first start, or the code changed); this takes a minute or two");
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build failed with code ${code}`))));
  });
}

function newestSourceTime(): number {
  let newest = 0;
  const visit = (p: string) => {
    const stat = statSync(p);
    if (stat.isDirectory()) {
      if (p.endsWith(`${path.sep}generated`)) return;
      for (const name of readdirSync(p)) visit(path.join(p, name));
    } else if (stat.mtimeMs > newest) newest = stat.mtimeMs;
  };
  for (const source of SOURCES) {
    const p = path.join(ROOT, source);
    if (existsSync(p)) visit(p);
  }
  return newest;
}
