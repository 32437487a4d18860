import type { Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { DomainError } from "@/lib/domain-error";
import { snapshotUserRef, type DirectorySnapshot, type SnapshotUser } from "../snapshot";
import { CSV_FIELDS, guessCsvColumn, normaliseCsvHeader, type CsvColumnMap, type CsvField } from "./csv-columns";

export { CSV_FIELDS, type CsvColumnMap, type CsvField } from "./csv-columns";

/** A row that was refused: its line in the file (the header is line 1), the column at fault and why. */
export type CsvProblem = { line: number; column: string; message: string };

export type ParsedCsv = { snapshot: DirectorySnapshot; rowCount: number; problems: CsvProblem[]; headers: string[] };

/** A file that cannot be read as a CSV at all (no header, unbalanced quotes): nothing of it is used. */
export class CsvFileError extends DomainError {
  constructor(message: string, readonly line?: number) {
    super("INVALID_INPUT", message, "file");
    this.name = "CsvFileError";
  }
}

const MAX_PROBLEMS = 1000;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const ACTIVE_WORDS: Record<string, boolean> = {
  true: true, yes: true, y: true, "1": true, active: true, enabled: true,
  false: false, no: false, n: false, "0": false, inactive: false, disabled: false, suspended: false, deactivated: false,
};

/**
 * Reads a CSV of users as a directory snapshot, streaming: the file is never held whole, only the users it
 * describes, so an import of 100,000 rows stays within a bounded memory. UTF-8 with or without a byte-order
 * mark (Excel writes one). Every bad row is reported with its line and column, up to MAX_PROBLEMS; whether
 * anything is applied despite them is the caller's choice.
 */
export async function parseCsvSnapshot(input: Readable, { columns = {} }: { columns?: CsvColumnMap } = {}): Promise<ParsedCsv> {
  const parser = input.pipe(parse({ bom: true, columns: (header: string[]) => header.map((h) => h.trim()), skip_empty_lines: true, trim: true, info: true }));
  input.on("error", (err) => parser.destroy(err));

  const users: SnapshotUser[] = [];
  const groups = new Map<string, { displayName: string; members: string[] }>();
  const problems: CsvProblem[] = [];
  const firstLineOf = new Map<string, number>();
  let headers: string[] | undefined;
  let fieldHeader: Partial<Record<CsvField, string>> = {};
  let rowCount = 0;
  const report = (problem: CsvProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };

  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (!headers) {
        headers = Object.keys(record);
        fieldHeader = resolveColumns(headers, columns);
      }
      rowCount++;
      const line = info.lines;
      const value = (field: CsvField) => {
        const header = fieldHeader[field];
        const v = header === undefined ? undefined : record[header];
        return v === undefined || v === "" ? null : v;
      };
      const col = (field: CsvField) => fieldHeader[field] ?? field;
      let bad = false;

      const email = value("email");
      if (!email) {
        report({ line, column: col("email"), message: "email is missing" });
        bad = true;
      } else if (!EMAIL.test(email)) {
        report({ line, column: col("email"), message: `"${clip(email)}" is not an email address` });
        bad = true;
      }
      const userName = value("userName") ?? email;
      let active = true;
      const activeText = value("active");
      if (activeText !== null) {
        const parsed = ACTIVE_WORDS[activeText.toLowerCase()];
        if (parsed === undefined) {
          report({ line, column: col("active"), message: `"${clip(activeText)}" is not a yes/no value (use true or false)` });
          bad = true;
        } else active = parsed;
      }
      if (userName) {
        const key = userName.toLowerCase();
        const first = firstLineOf.get(key);
        if (first !== undefined) {
          report({ line, column: col(value("userName") ? "userName" : "email"), message: `userName "${clip(userName)}" is already on line ${first}` });
          bad = true;
        } else firstLineOf.set(key, line);
      }
      if (bad || !userName) continue;

      const user: SnapshotUser = {
        externalId: value("externalId"),
        userName,
        email,
        givenName: value("givenName"),
        familyName: value("familyName"),
        displayName: value("displayName") ?? ([value("givenName"), value("familyName")].filter(Boolean).join(" ") || null),
        department: value("department"),
        manager: value("manager"),
        active,
      };
      users.push(user);
      const ref = snapshotUserRef(user);
      // One cell lists the user's groups, separated by semicolons or pipes (commas would need quoting).
      for (const name of (value("groups") ?? "").split(/[;|]/).map((g) => g.trim()).filter(Boolean)) {
        const key = name.toLowerCase();
        let group = groups.get(key);
        if (!group) groups.set(key, (group = { displayName: name, members: [] }));
        group.members.push(ref);
      }
    }
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines;
      throw new CsvFileError(`The file is not a valid CSV${line ? ` at line ${line}` : ""}: ${err.message.replace(/^Invalid [^:]*: /, "")}`, line);
    }
    throw err;
  }
  if (!headers) throw new CsvFileError("The file is empty: it needs a header line and one line per user");
  return {
    snapshot: { users, groups: [...groups.values()].map((g) => ({ externalId: null, displayName: g.displayName, members: g.members })) },
    rowCount,
    problems,
    headers,
  };
}

/** Which header each field comes from: the admin's mapping first, else a header with one of the usual names. */
function resolveColumns(headers: string[], columns: CsvColumnMap): Partial<Record<CsvField, string>> {
  const out: Partial<Record<CsvField, string>> = {};
  for (const [field, header] of Object.entries(columns) as Array<[CsvField, string]>) {
    if (!header) continue;
    const found = headers.find((h) => h === header) ?? headers.find((h) => normaliseCsvHeader(h) === normaliseCsvHeader(header));
    if (!found) throw new CsvFileError(`The column "${header}" chosen for ${field} is not in the file's header (${headers.map((h) => `"${h}"`).join(", ")})`, 1);
    out[field] = found;
  }
  for (const field of CSV_FIELDS) {
    if (out[field] || field in columns) continue;
    const found = guessCsvColumn(headers, field);
    if (found && !Object.values(out).includes(found)) out[field] = found;
  }
  if (!out.email) throw new CsvFileError(`No column holds the email: name one "email", or map a column to it (the header has ${headers.map((h) => `"${h}"`).join(", ")})`, 1);
  return out;
}

function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
