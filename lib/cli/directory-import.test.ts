import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cliRunner } from "@/lib/testing/cli-runner";
import { setupTestDatabase } from "@/lib/testing/test-database";

const databaseUrl = setupTestDatabase();
const { dsync, dsyncJson, sql } = cliRunner(databaseUrl);

describe("dsync directory create-csv and directory import", () => {
  it("previews, refuses a file with a bad row in one line, imports a fixed one, and maps columns", async () => {
    await dsyncJson("org", "create", "--name", "Acme", "--slug", "acme-csv");
    const dir = await dsyncJson("directory", "create-csv", "--org", "acme-csv", "--mode", "full");
    expect(dir).toMatchObject({ source: "csv", deactivationGuardPercent: 30 });
    const folder = await mkdtemp(path.join(tmpdir(), "dsync-csv-"));
    const bad = path.join(folder, "bad.csv");
    await writeFile(bad, "Work Email,First,Last\nalice@acme.com,Alice,A\n,Bob,B\n");
    const good = path.join(folder, "good.csv");
    await writeFile(good, "Work Email,First,Last\nalice@acme.com,Alice,A\nbob@acme.com,Bob,B\n");

    const refused = await dsync("directory", "import", "--dir", String(dir.id), "--file", bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split("\n")).toEqual(["error: 1 row is invalid, so nothing was imported (line 3, column Work Email: email is missing). Fix the file, or choose to skip invalid rows."]);
    expect(await sql(`SELECT 1 FROM "DirectoryUser" WHERE "directoryId" = $1`, [dir.id])).toHaveLength(0);

    const preview = await dsync("directory", "import", "--dir", String(dir.id), "--file", good, "--preview");
    expect(preview.stdout).toContain("2 rows: 2 to create, 0 to update, 0 to deactivate");
    const applied = await dsyncJson("directory", "import", "--dir", String(dir.id), "--file", good, "--column", "givenName=First", "--column", "familyName=Last");
    expect(applied).toMatchObject({ status: "succeeded", counts: { created: 2 } });
    expect(await sql(`SELECT "givenName"::text AS g FROM "DirectoryUser" WHERE "directoryId" = $1 ORDER BY 1`, [dir.id])).toEqual([{ g: "Alice" }, { g: "Bob" }]);

    const badColumn = await dsync("directory", "import", "--dir", String(dir.id), "--file", good, "--column", "shoe=Size");
    expect(badColumn.code).toBe(2);
    expect(badColumn.stderr).toMatch(/--column must be <field>=<header>/);
  });
});
