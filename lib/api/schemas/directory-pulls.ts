import { z } from "zod";
import { CSV_FIELDS } from "@/lib/directory-pull/csv/parse-csv-snapshot";
import { nullableTimestamp, timestamp } from "./shared";

// Pulled directories (issue 14): CSV imports, Google Workspace syncs, their history and held pulls.

const booleanQuery = z.enum(["true", "false"], { error: "must be true or false" }).transform((v) => v === "true");

export const importCsvQuerySchema = z.object({
  mode: z.enum(["preview", "apply"], { error: "must be preview or apply" }).default("apply")
    .describe("preview: answer what the file would change and change nothing. apply: import it."),
  skip_invalid_rows: booleanQuery.default(false).describe("true: apply the good rows even if some are bad. Otherwise any bad row means nothing is applied."),
  file_name: z.string().trim().max(200, "must be at most 200 characters").optional().describe("The file's name, kept in the import history."),
  ...Object.fromEntries(CSV_FIELDS.map((field) => [`column_${field}`, z.string().trim().min(1, "must not be empty").max(200).optional()
    .describe(`The header of the column that holds ${field}; by default a column with its usual name (e.g. "${field === "givenName" ? "first name" : field}").`)])),
});

export function columnsFromQuery(query: Record<string, unknown>): Partial<Record<(typeof CSV_FIELDS)[number], string>> {
  return Object.fromEntries(CSV_FIELDS.flatMap((field) => {
    const header = query[`column_${field}`];
    return typeof header === "string" ? [[field, header]] : [];
  }));
}

const countsSchema = z.object({
  created: z.number().int(), updated: z.number().int(), deactivated: z.number().int(), reactivated: z.number().int(),
  groups_created: z.number().int(), groups_updated: z.number().int(), groups_deleted: z.number().int(),
  members_added: z.number().int(), members_removed: z.number().int(),
}).meta({ id: "SyncCounts" });

const csvProblemSchema = z.object({ line: z.number().int().describe("The line in the file; the header is line 1."), column: z.string(), message: z.string() }).meta({ id: "CsvProblem" });

export const csvPreviewSchema = z.object({
  mode: z.literal("preview"),
  row_count: z.number().int(),
  problems: z.array(csvProblemSchema),
  counts: countsSchema,
  would_hold: z.string().nullable().describe("Set when applying the file would deactivate more than the directory's guard rail allows, so it would be held for approval."),
}).meta({ id: "CsvImportPreview" });

export const directorySyncSchema = z.object({
  id: z.string().meta({ example: "syn_01jz8r3k5v9w2x4y6z8a0b2c4d" }),
  directory_id: z.string(),
  source: z.enum(["google", "csv"]),
  trigger: z.string().describe("schedule, manual, api, cli, portal or console."),
  requested_by: z.string(),
  status: z.enum(["queued", "running", "succeeded", "failed", "held", "discarded"])
    .describe("held: it would deactivate more than the directory's guard rail allows; approve or discard it."),
  started_at: timestamp,
  finished_at: nullableTimestamp,
  counts: countsSchema.partial(),
  message: z.string().nullable().describe("Why it failed or was held, in words."),
  problems: z.array(z.unknown()).nullable().describe("CSV rows refused ({line, column, message}), or changes that could not be applied."),
  file_name: z.string().nullable(),
  row_count: z.number().int().nullable(),
}).meta({ id: "DirectorySync" });

export const directorySyncPathSchema = z.object({ id: z.string().describe("Directory id (dir_…)."), syncId: z.string().describe("Sync id (syn_…).") });

export const listDirectorySyncsQuerySchema = z.object({
  limit: z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(1, "must be at least 1").max(200, "must be at most 200").default(50),
  after: z.string().trim().min(1).max(100).optional().describe("The next_cursor of the previous page."),
});
