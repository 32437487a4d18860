import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { sql } from "@/lib/db/sql";
import { createOrganization } from "@/lib/organizations/create-organization";
import { setupTestDatabase } from "@/lib/testing/test-database";
import { createPulledDirectory } from "../create-pulled-directory";
import { listDirectorySyncs } from "../list-directory-syncs";
import { importCsv, previewCsvImport } from "./import-csv";
import { CsvFileError, parseCsvSnapshot } from "./parse-csv-snapshot";

setupTestDatabase();

const text = (s: string) => Readable.from([Buffer.from(s, "utf8")]);

describe("parseCsvSnapshot", () => {
  it("reads UTF-8 with a byte-order mark, finds the usual headers and splits groups", async () => {
    const csv = "\uFEFFEmail,First Name,Last Name,Department,Manager,Groups,Active\n" +
      "alice@acme.com,Alice,Ärger,Eng,bob@acme.com,Engineering;Admins,true\n" +
      "bob@acme.com,Bob,B,,,Engineering,no\n";
    const { snapshot, problems, rowCount, headers } = await parseCsvSnapshot(text(csv));
    expect(headers[0]).toBe("Email");
    expect(problems).toEqual([]);
    expect(rowCount).toBe(2);
    expect(snapshot.users[0]).toEqual({ externalId: null, userName: "alice@acme.com", email: "alice@acme.com", givenName: "Alice", familyName: "Ärger", displayName: "Alice Ärger", department: "Eng", manager: "bob@acme.com", active: true });
    expect(snapshot.users[1]!.active).toBe(false);
    expect(snapshot.groups.map((g) => [g.displayName, g.members.length])).toEqual([["Engineering", 2], ["Admins", 1]]);
  });

  it("reports each bad row with its line and column, counting lines inside quoted fields", async () => {
    const csv = "mail,login,title,enabled\n" +
      "a@acme.com,a,\"two\nlines\",true\n" +   // lines 2-3
      ",nobody,x,true\n" +                     // line 4: no email
      "b@acme.com,A,x,true\n" +                // line 5: userName a again (case-insensitive)
      "c@acme.com,c,x,maybe\n" +               // line 6: bad active
      "not-an-email,d,x,true\n";               // line 7
    const { problems, snapshot } = await parseCsvSnapshot(text(csv), { columns: { email: "mail", userName: "login", active: "enabled" } });
    expect(problems).toEqual([
      { line: 4, column: "mail", message: "email is missing" },
      { line: 5, column: "login", message: 'userName "A" is already on line 3' },
      { line: 6, column: "enabled", message: '"maybe" is not a yes/no value (use true or false)' },
      { line: 7, column: "mail", message: '"not-an-email" is not an email address' },
    ]);
    expect(snapshot.users.map((u) => u.userName)).toEqual(["a"]);
  });

  it("refuses a file that is not a CSV, or a mapping to a column it lacks, with the line", async () => {
    await expect(parseCsvSnapshot(text("email,name\n\"a@acme.com,x\n"))).rejects.toThrow(CsvFileError);
    await expect(parseCsvSnapshot(text("email,name\na@acme.com,x\n"), { columns: { department: "Dept" } })).rejects.toThrow(/"Dept" chosen for department is not in the file's header/);
    await expect(parseCsvSnapshot(text("name,login\nx,y\n"))).rejects.toThrow(/No column holds the email/);
    await expect(parseCsvSnapshot(text(""))).rejects.toThrow(/empty/);
  });

  it("streams 100,000 rows", async () => {
    function* rows() {
      yield "email,first name,last name,groups\n";
      for (let i = 0; i < 100_000; i++) yield `user${i}@acme.com,User,${i},${i % 10 === 0 ? "Tens" : ""}\n`;
    }
    const { rowCount, problems, snapshot } = await parseCsvSnapshot(Readable.from(rows()));
    expect(rowCount).toBe(100_000);
    expect(problems).toEqual([]);
    expect(snapshot.groups[0]!.members).toHaveLength(10_000);
  });
});

describe("importing a CSV into a directory", () => {
  let slugs = 0;
  async function csvDirectory() {
    const org = await createOrganization({ name: "Acme", slug: `csv-${slugs++}` });
    return { org, dir: await createPulledDirectory({ organizationId: org.id, source: "csv" }) };
  }
  const users = async (dirId: string) =>
    (await sql.query<{ userName: string; active: boolean }>(`SELECT "userName"::text AS "userName", "active" FROM "DirectoryUser" WHERE "directoryId" = $1 ORDER BY 1`, [dirId]))
      .map((u) => `${u.userName}:${u.active ? "active" : "inactive"}`);
  const FILE = "email,given name,family name\na@acme.com,A,A\nb@acme.com,B,B\nc@acme.com,C,C\nd@acme.com,D,D\n";

  it("an import with a bad row applies nothing, and is kept in the history as refused with its problems", async () => {
    const { org, dir } = await csvDirectory();
    const out = await importCsv({ organizationId: org.id, directoryId: dir.id, input: text(`${FILE},E,E\n`), requestedBy: "api:rc_key_abc", trigger: "api", fileName: "people.csv" });
    expect(out.status).toBe("failed");
    expect(out.message).toBe("1 row is invalid, so nothing was imported (line 6, column email: email is missing). Fix the file, or choose to skip invalid rows.");
    expect(await users(dir.id)).toEqual([]);
    const [history] = await listDirectorySyncs({ organizationId: org.id, directoryId: dir.id });
    expect(history).toMatchObject({ source: "csv", status: "failed", requestedBy: "api:rc_key_abc", fileName: "people.csv", rowCount: 5, problems: [{ line: 6, column: "email", message: "email is missing" }] });
  });

  it("with skip chosen, applies the good rows; a later file previews and applies its changes", async () => {
    const { org, dir } = await csvDirectory();
    const first = await importCsv({ organizationId: org.id, directoryId: dir.id, input: text(`${FILE},E,E\n`), skipInvalidRows: true, requestedBy: "cli", trigger: "cli" });
    expect(first).toMatchObject({ status: "succeeded", counts: { created: 4 } });
    expect(await users(dir.id)).toEqual(["a@acme.com:active", "b@acme.com:active", "c@acme.com:active", "d@acme.com:active"]);

    const next = "email,given name,family name,active\na@acme.com,Ann,A,true\nb@acme.com,B,B,false\nc@acme.com,C,C,true\nd@acme.com,D,D,true\ne@acme.com,E,E,true\n";
    const preview = await previewCsvImport({ organizationId: org.id, directoryId: dir.id, input: text(next) });
    expect(preview).toMatchObject({ rowCount: 5, problems: [], counts: { created: 1, updated: 1, deactivated: 1 }, wouldHold: null });
    expect(await users(dir.id)).toHaveLength(4);
    const applied = await importCsv({ organizationId: org.id, directoryId: dir.id, input: text(next), requestedBy: "portal", trigger: "portal" });
    expect(applied.counts).toMatchObject({ created: 1, updated: 1, deactivated: 1 });
    expect(await users(dir.id)).toEqual(["a@acme.com:active", "b@acme.com:inactive", "c@acme.com:active", "d@acme.com:active", "e@acme.com:active"]);

    // A file with only one person left would deactivate 4 of 4: held, and the preview says so beforehand.
    const held = "email\na@acme.com\n";
    expect((await previewCsvImport({ organizationId: org.id, directoryId: dir.id, input: text(held) })).wouldHold).toMatch(/deactivate 3 of 4 active users \(75%\)/);
    expect((await importCsv({ organizationId: org.id, directoryId: dir.id, input: text(held), requestedBy: "portal", trigger: "portal" })).status).toBe("held");
  });

  it("refuses an import into another organisation's directory, or into a directory that is not a CSV one", async () => {
    const { dir } = await csvDirectory();
    const { org: other } = await csvDirectory();
    await expect(importCsv({ organizationId: other.id, directoryId: dir.id, input: text(FILE), requestedBy: "x", trigger: "api" })).rejects.toThrow(/Directory not found/);
    const google = await createPulledDirectory({ organizationId: other.id, source: "google" });
    await expect(previewCsvImport({ organizationId: other.id, directoryId: google.id, input: text(FILE) })).rejects.toThrow(/synced from Google Workspace/);
  });
});
