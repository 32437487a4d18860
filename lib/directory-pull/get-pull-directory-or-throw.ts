import { sql } from "@/lib/db/sql";
import { DomainError } from "@/lib/domain-error";

export type PullDirectoryRow = {
  id: string;
  organizationId: string;
  status: string;
  source: "scim" | "google" | "csv";
  syncMode: "FULL" | "DEPROVISION_ONLY";
  deactivationGuardPercent: number;
  syncIntervalMinutes: number;
};

/**
 * A directory that is pulled, in its organisation (pass `organizationId` undefined only for a global API key).
 * 404 alike for missing and another tenant's; a disabled directory or one pushed over SCIM is refused.
 */
export async function getPullDirectoryOrThrow(organizationId: string | undefined, directoryId: string, source?: "google" | "csv"): Promise<PullDirectoryRow> {
  const [row] = await sql.query<PullDirectoryRow>(
    `SELECT "id", "organizationId", "status", "source", "syncMode", "deactivationGuardPercent", "syncIntervalMinutes"
       FROM "Directory" WHERE "id" = $1 AND ($2::text IS NULL OR "organizationId" = $2)`,
    [directoryId, organizationId ?? null],
  );
  if (!row) throw new DomainError("NOT_FOUND", "Directory not found");
  if (row.status === "DISABLED") throw new DomainError("FORBIDDEN", "This directory is disabled: enable it before syncing");
  if (row.source === "scim") throw new DomainError("INVALID_INPUT", "This directory is pushed over SCIM; only Google Workspace and CSV directories are pulled", "directory");
  if (source && row.source !== source) {
    throw new DomainError("INVALID_INPUT", source === "csv" ? "This directory is synced from Google Workspace; CSV files can only be imported into a CSV directory" : "This directory takes CSV imports; it is not connected to Google Workspace", "directory");
  }
  return row;
}
