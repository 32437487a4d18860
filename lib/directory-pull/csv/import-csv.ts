import type { Readable } from "node:stream";
import { sql } from "@/lib/db/sql";
import { getPullDirectoryOrThrow } from "../get-pull-directory-or-throw";
import { planReconciliation, type ReconciliationCounts } from "../plan-reconciliation";
import { PullSourceError } from "../pull-source-error";
import { runDirectorySync, type SyncOutcome } from "../run-directory-sync";
import { parseCsvSnapshot, type CsvColumnMap, type CsvProblem } from "./parse-csv-snapshot";

export type CsvImportInput = {
  /** Undefined only for a global API key. */
  organizationId: string | undefined;
  directoryId: string;
  input: Readable;
  columns?: CsvColumnMap;
  /** Apply the good rows even though some are bad; otherwise any bad row means nothing is applied. */
  skipInvalidRows?: boolean;
  requestedBy: string;
  trigger: "api" | "cli" | "portal" | "console";
  fileName?: string | null;
};

export type CsvPreview = {
  rowCount: number;
  problems: CsvProblem[];
  counts: ReconciliationCounts;
  /** Set when applying it would be held by the guard rail, in words. */
  wouldHold: string | null;
};

/** What importing a CSV would change, without changing anything: "12 to create, 3 to update, 2 to deactivate". */
export async function previewCsvImport(input: Omit<CsvImportInput, "requestedBy" | "trigger" | "skipInvalidRows">): Promise<CsvPreview> {
  const directory = await getPullDirectoryOrThrow(input.organizationId, input.directoryId, "csv");
  const parsed = await parseCsvSnapshot(input.input, { columns: input.columns });
  const plan = await planReconciliation(sql, directory, parsed.snapshot);
  const share = plan.activeUsers === 0 ? 0 : (plan.counts.deactivated / plan.activeUsers) * 100;
  const wouldHold = plan.counts.deactivated > 0 && share > directory.deactivationGuardPercent
    ? `Applying it would deactivate ${plan.counts.deactivated} of ${plan.activeUsers} active users (${Math.round(share)}%), more than the ${directory.deactivationGuardPercent}% this directory allows at once, so it will be held for approval.`
    : null;
  return { rowCount: parsed.rowCount, problems: parsed.problems, counts: plan.counts, wouldHold };
}

/**
 * Imports a CSV into a CSV directory: every row is one user as the directory should now hold it, so users
 * missing from the file are deactivated (held for approval past the guard rail). A file with a bad row
 * applies nothing unless `skipInvalidRows`; the import is kept in the directory's history either way.
 */
export async function importCsv(input: CsvImportInput): Promise<SyncOutcome & { rowCount: number; problems: CsvProblem[] }> {
  const directory = await getPullDirectoryOrThrow(input.organizationId, input.directoryId, "csv");
  // The file is read before the import is recorded, so a file that is not a CSV at all is an error to the
  // caller (400), not an import in the history.
  const parsed = await parseCsvSnapshot(input.input, { columns: input.columns });
  const refused = parsed.problems.length > 0 && !input.skipInvalidRows;
  const outcome = await runDirectorySync({
    organizationId: directory.organizationId,
    directoryId: directory.id,
    source: "csv",
    trigger: input.trigger,
    requestedBy: input.requestedBy,
    fileName: input.fileName ?? null,
    rowCount: parsed.rowCount,
    problems: parsed.problems,
    fetchSnapshot: async () => {
      if (refused) {
        const first = parsed.problems[0]!;
        throw new PullSourceError(
          `${parsed.problems.length === 1 ? "1 row is" : `${parsed.problems.length} rows are`} invalid, so nothing was imported (line ${first.line}, column ${first.column}: ${first.message}). Fix the file, or choose to skip invalid rows.`,
          "invalid",
        );
      }
      return parsed.snapshot;
    },
  });
  return { ...outcome, rowCount: parsed.rowCount, problems: parsed.problems };
}
