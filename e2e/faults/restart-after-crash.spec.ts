// Issue 12, item 15: `npm start` after a crash must start, whatever process postmaster.pid still names.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startApp, type RunningApp } from "../../lib/testing/start-app";
import { createUser, descendantsOf, type Directory, isRunning, kill9, newTenant, postmasterPidOf, waitUntil } from "./fault-support";

test.describe.configure({ timeout: 180_000 });

/** kill -9 of the launcher and everything under it at once, as a power cut or the OOM killer would. */
async function crashEverything(app: RunningApp) {
  const postmaster = postmasterPidOf(app.dataDir);
  for (const pid of [app.process.pid!, ...descendantsOf(app.process.pid!)]) kill9(pid);
  // Bounded: the postmaster's backends notice its death and exit within a second or two.
  expect(await waitUntil(() => !isRunning(postmaster) && descendantsOf(postmaster).every((p) => !isRunning(p)), { timeoutMs: 15_000 })).toBe(true);
}

async function restartsAndKeepsData(dataDir: string, userName: string, directory: Directory) {
  const again = await startApp({}, { dataDir });
  try {
    expect((await fetch(`${again.url}/api/health`)).status).toBe(200);
    // The user acknowledged before the crash is still there, and the new server takes writes.
    const moved = { ...directory, scimBaseUrl: `${again.url}/scim/v2/${directory.id}` };
    const found = await fetch(`${moved.scimBaseUrl}/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`, {
      headers: { Authorization: `Bearer ${directory.token}` },
    });
    expect(((await found.json()) as { totalResults: number }).totalResults).toBe(1);
    expect(await createUser(moved, `after-${userName}`)).toBe(201);
    // postmaster.pid now names the new server, a live process.
    expect(isRunning(postmasterPidOf(dataDir))).toBe(true);
  } finally {
    await again.stop();
  }
}

/** Points postmaster.pid at `pid`, as a crash can leave it. */
function pointPidFileAt(dataDir: string, pid: number) {
  const pidFile = path.join(dataDir, "postgres", "postmaster.pid");
  const lines = readFileSync(pidFile, "utf8").split("\n");
  lines[0] = String(pid);
  writeFileSync(pidFile, lines.join("\n"));
}

test("npm start succeeds after kill -9 when postmaster.pid names a zombie (a crashed postmaster not yet reaped)", async () => {
  const app = await startApp();
  // `sleep 0` exits at once, and its parent (now `sleep 120`, which never waits) leaves it a zombie: what a
  // killed postmaster stays when its parent does not reap it. This machine's init reaps orphans, so the real
  // postmaster's zombie would not last; on others it lasts forever.
  const parent = spawn("sh", ["-c", "sleep 0 & exec sleep 120"], { stdio: "ignore" });
  try {
    const { directory } = newTenant(app, "crash-zombie");
    expect(await createUser(directory, "before@crash.example")).toBe(201);
    await crashEverything(app);
    let zombie = 0;
    expect(await waitUntil(() => (zombie = descendantsOf(parent.pid!).find((pid) => !isRunning(pid)) ?? 0) > 0, { timeoutMs: 5000 })).toBe(true);
    expect(() => process.kill(zombie, 0)).not.toThrow(); // "exists", to anyone who only asks that
    pointPidFileAt(app.dataDir, zombie);
    await restartsAndKeepsData(app.dataDir, "before@crash.example", directory);
  } finally {
    parent.kill("SIGKILL");
    await app.stop().catch(() => {});
    await rm(app.dataDir, { recursive: true, force: true });
  }
});

test("npm start succeeds after kill -9 when postmaster.pid names an unrelated live process (its pid reused after a reboot)", async () => {
  const app = await startApp();
  const stranger = spawn("sleep", ["120"], { stdio: "ignore" });
  try {
    const { directory } = newTenant(app, "crash-reused");
    expect(await createUser(directory, "before@reused.example")).toBe(201);
    await crashEverything(app);
    // After a reboot the pid in the lock file can belong to anything; here, to a live `sleep`.
    pointPidFileAt(app.dataDir, stranger.pid!);
    await restartsAndKeepsData(app.dataDir, "before@reused.example", directory);
    // The stranger is left alone.
    expect(isRunning(stranger.pid!)).toBe(true);
  } finally {
    stranger.kill("SIGKILL");
    await app.stop().catch(() => {});
    await rm(app.dataDir, { recursive: true, force: true });
  }
});
