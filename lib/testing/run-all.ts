// `npm test`: lint, type check, unit and integration tests on a throwaway PostgreSQL, the production build,
// then the end-to-end specs in Debian's Chromium. Stops at the first failing step; ends with a count of
// every test that ran, as one `N passed, N failed` line.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);

type Counts = { passed: number; failed: number; skipped: number };
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
/** The failing tests by name, repeated at the very end: CI keeps only the tail of a long log. */
const failures: string[] = [];

function step(title: string, command: string, args: string[], env: Record<string, string> = {}) {
  const started = Date.now();
  process.stdout.write(`\n▶ ${title}\n`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    process.stdout.write(`✖ ${title} failed after ${seconds}s\n`);
    return false;
  }
  process.stdout.write(`✔ ${title} (${seconds}s)\n`);
  return true;
}

function ensureChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.getuid?.() !== 0) {
    process.stderr.write(`Chromium is missing at ${CHROMIUM}: install it with "sudo apt-get install -y chromium", or set CHROMIUM_PATH.\n`);
    return false;
  }
  return step("Install Debian's Chromium", "bash", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"]);
}

function addVitestCounts(file: string) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number;
    testResults?: { name: string; assertionResults?: { fullName: string; status: string }[] }[];
  };
  for (const suite of report.testResults ?? []) {
    for (const test of suite.assertionResults ?? []) {
      if (test.status === "failed") failures.push(`vitest ${path.relative(ROOT, suite.name)} › ${test.fullName}`);
    }
  }
  total.passed += report.numPassedTests;
  total.failed += report.numFailedTests;
  total.skipped += report.numPendingTests + report.numTodoTests;
}

function addPlaywrightCounts(file: string) {
  if (!existsSync(file)) return;
  type Suite = { title: string; file?: string; suites?: Suite[]; specs?: { title: string; ok: boolean; file?: string; line?: number }[] };
  const report = JSON.parse(readFileSync(file, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number }; suites?: Suite[] };
  const walk = (suite: Suite, titles: string[]) => {
    for (const spec of suite.specs ?? []) {
      if (!spec.ok) failures.push(`playwright ${spec.file ?? suite.file ?? ""}:${spec.line ?? ""} › ${[...titles, spec.title].join(" › ")}`);
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
  total.passed += report.stats.expected + report.stats.flaky;
  total.failed += report.stats.unexpected;
  total.skipped += report.stats.skipped;
}

function finish(ok: boolean): never {
  const skipped = total.skipped ? `, ${total.skipped} skipped` : "";
  if (failures.length) process.stdout.write(`\nFailed:\n${failures.map((f) => `  ✖ ${f}`).join("\n")}\n`);
  process.stdout.write(`\n${total.passed} passed, ${total.failed} failed${skipped}\n`);
  process.exit(ok && total.failed === 0 ? 0 : 1);
}

const vitestJson = path.join(ROOT, "test-results", "vitest.json");
const playwrightJson = path.join(ROOT, "test-results", "playwright.json");
rmSync(path.join(ROOT, "test-results"), { recursive: true, force: true });

let ok =
  step("Lint (eslint)", bin("eslint"), ["--max-warnings=0", "."]) &&
  step("Type check (tsc --noEmit)", bin("tsc"), ["--noEmit"]);
if (ok) {
  ok = step("Unit and integration tests (vitest, real PostgreSQL)", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);
  addVitestCounts(vitestJson);
}
ok = ok && step("Production build (next build)", bin("next"), ["build"]) && ensureChromium();
if (ok) {
  ok = step("End-to-end tests (Playwright, Chromium)", bin("playwright"), ["test"]);
  addPlaywrightCounts(playwrightJson);
}
finish(ok);
