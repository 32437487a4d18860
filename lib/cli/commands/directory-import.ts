import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import path from "node:path";
import { CSV_FIELDS, type CsvColumnMap, type CsvField } from "@/lib/directory-pull/csv/parse-csv-snapshot";
import { importCsv, previewCsvImport } from "@/lib/directory-pull/csv/import-csv";
import { createPulledDirectory } from "@/lib/directory-pull/create-pulled-directory";
import { DomainError } from "@/lib/domain-error";
import { getOrganizationBySlugOrThrow } from "@/lib/organizations/get-organization-by-slug-or-throw";
import { defineCommand, optionalString, requireString, type OptionValues } from "../command";
import { UsageError, type CommandResult } from "../output";

const MODES = { full: "FULL", "deprovision-only": "DEPROVISION_ONLY" } as const;

export const directoryCreateCsv = defineCommand({
  name: "directory create-csv",
  usage: "directory create-csv --org <slug> --mode <full|deprovision-only> [--name <name>] [--guard <percent>]",
  options: { org: { type: "string" }, mode: { type: "string" }, name: { type: "string" }, guard: { type: "string" } },
  async run(values): Promise<CommandResult> {
    const mode = requireString(values, "mode").toLowerCase();
    if (!(mode in MODES)) throw new UsageError(`--mode must be full or deprovision-only (got "${mode}")`);
    const guard = optionalString(values, "guard");
    if (guard !== undefined && !/^\d+$/.test(guard)) throw new UsageError(`--guard must be a whole percentage, 1 to 100 (got "${guard}")`);
    const organization = await getOrganizationBySlugOrThrow(requireString(values, "org"));
    const directory = await createPulledDirectory({
      organizationId: organization.id, source: "csv", syncMode: MODES[mode as keyof typeof MODES], name: optionalString(values, "name"),
      deactivationGuardPercent: guard === undefined ? undefined : Number(guard),
    });
    return {
      json: { id: directory.id, orgId: organization.id, name: directory.name, source: directory.source, syncMode: directory.syncMode, deactivationGuardPercent: directory.deactivationGuardPercent },
      text: `Created CSV directory ${directory.name} (${directory.id}) for ${organization.slug}\nImport a file with: dsync directory import --dir ${directory.id} --file users.csv`,
    };
  },
});

export const directoryImport = defineCommand({
  name: "directory import",
  usage: `directory import --dir <id> --file <users.csv> [--preview] [--skip-invalid-rows] [--column <${CSV_FIELDS.join("|")}>=<header>]...`,
  options: { dir: { type: "string" }, file: { type: "string" }, preview: { type: "boolean" }, "skip-invalid-rows": { type: "boolean" }, column: { type: "string", multiple: true } },
  async run(values): Promise<CommandResult> {
    const directoryId = requireString(values, "dir");
    const file = requireString(values, "file");
    await access(file).catch(() => {
      throw new UsageError(`--file ${file}: no such file`);
    });
    const columns = parseColumns(values);
    const input = { organizationId: undefined, directoryId, input: createReadStream(file), columns };
    if (values.preview === true) {
      const p = await previewCsvImport(input);
      return {
        json: { mode: "preview", rowCount: p.rowCount, problems: p.problems, counts: p.counts, wouldHold: p.wouldHold },
        text: [
          `${p.rowCount} rows: ${p.counts.created} to create, ${p.counts.updated} to update, ${p.counts.deactivated} to deactivate, ${p.counts.reactivated} to reactivate`,
          ...p.problems.map((x) => `line ${x.line}, column ${x.column}: ${x.message}`),
          ...(p.wouldHold ? [p.wouldHold] : []),
        ].join("\n"),
      };
    }
    const out = await importCsv({ ...input, skipInvalidRows: values["skip-invalid-rows"] === true, requestedBy: "cli", trigger: "cli", fileName: path.basename(file) });
    if (out.status === "failed" && out.counts === null) {
      // Nothing was applied: one line on stderr (it names the first bad row) and a non-zero exit.
      throw new DomainError("INVALID_INPUT", out.message ?? "The import failed; nothing was applied");
    }
    const c = out.counts!;
    return {
      json: { mode: "apply", id: out.syncId, status: out.status, message: out.message, rowCount: out.rowCount, counts: c, problems: out.problems },
      text: [
        `Import ${out.syncId}: ${out.status}. ${c.created} created, ${c.updated} updated, ${c.deactivated} deactivated, ${c.reactivated} reactivated`,
        ...(out.message ? [out.message] : []),
        ...(out.problems.length > 0 ? [`${out.problems.length} invalid rows skipped`] : []),
      ].join("\n"),
    };
  },
});

function parseColumns(values: OptionValues): CsvColumnMap {
  const list = (values.column ?? []) as string[];
  const columns: CsvColumnMap = {};
  for (const item of list) {
    const match = /^([^=]+)=(.+)$/.exec(item);
    const field = match?.[1]?.trim() as CsvField | undefined;
    if (!match || !field || !(CSV_FIELDS as readonly string[]).includes(field)) {
      throw new UsageError(`--column must be <field>=<header>, with field one of ${CSV_FIELDS.join(", ")} (got "${item}")`);
    }
    columns[field] = match[2]!.trim();
  }
  return columns;
}
