// The external SCIM conformance suites from ../shared/scim, run against the production build:
// Microsoft's Postman collection (through newman) and Okta's SPEC test (through runscope-runner.mjs).
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "../fixtures";
import { newDirectory } from "../support/cli";

const SUITES = path.resolve(import.meta.dirname, "../../../shared/scim");
const present = existsSync(path.join(SUITES, "microsoft-scim-postman-collection.json"));

if (!present) {
  if (process.env.REQUIRE_CONFORMANCE === "1") throw new Error(`SCIM conformance suites missing at ${SUITES}, and REQUIRE_CONFORMANCE=1`);
  console.log(`SCIM conformance suites not found at ${SUITES}: skipping them.`);
}

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env } });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    child.on("close", (code) => resolve({ code, output }));
  });
}

test.describe("SCIM conformance", () => {
  test.skip(!present, "../shared/scim is absent");
  test.setTimeout(240_000);

  test("Microsoft's SCIM validation collection passes with 0 failures on an empty directory", async ({ baseURL }) => {
    const dir = newDirectory("entra");
    const url = new URL(baseURL!);
    const collection = path.join(SUITES, "microsoft-scim-postman-collection.json");
    const folders = (JSON.parse(readFileSync(collection, "utf8")) as { item: { name: string }[] }).item
      .map((i) => i.name)
      .filter((name) => name !== "Get Token");
    const report = path.join(test.info().outputDir, "newman.json");
    const newman = path.resolve("node_modules/.bin/newman");
    const { code, output } = await run(newman, [
      "run", collection,
      ...folders.flatMap((f) => ["--folder", f]),
      "--env-var", `Protocol=${url.protocol.replace(":", "")}`,
      "--env-var", `Server=${url.hostname}`,
      "--env-var", `Port=:${url.port}`,
      "--env-var", `Api=scim/v2/${dir.id}`,
      "--env-var", `token=${dir.token}`,
      "--reporters", "cli,json", "--reporter-json-export", report, "--disable-unicode", "--color", "off",
    ]);
    const stats = (JSON.parse(readFileSync(report, "utf8")) as { run: { stats: { assertions: { total: number; failed: number }; requests: { total: number; failed: number } } } }).run.stats;
    expect(stats.assertions.total, output).toBeGreaterThan(50);
    expect(stats.requests.failed, output).toBe(0);
    expect(stats.assertions.failed, output).toBe(0);
    expect(code, output).toBe(0);
  });

  test("Okta's SCIM 2.0 SPEC test passes with 0 failures on a directory holding one user", async () => {
    const dir = newDirectory("okta");
    const seeded = await fetch(`${dir.scimBaseUrl}/Users`, {
      method: "POST",
      headers: { Authorization: `Bearer ${dir.token}`, "Content-Type": "application/scim+json" },
      body: JSON.stringify({
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
        userName: "seed.user@example.com",
        name: { givenName: "Seed", familyName: "User" },
        emails: [{ value: "seed.user@example.com", type: "work", primary: true }],
        active: true,
      }),
    });
    expect(seeded.status, await seeded.text()).toBe(201);
    const { code, output } = await run(process.execPath, [
      path.join(SUITES, "runscope-runner.mjs"),
      path.join(SUITES, "okta-scim-2.0-spec-test.json"),
      "--init", path.join(SUITES, "okta-spec-initial-script.txt"),
    ], { SCIMBaseURL: dir.scimBaseUrl, auth: `Bearer ${dir.token}` });
    expect(output).toMatch(/\d+ passed, 0 failed/);
    expect(code, output).toBe(0);
  });
});
