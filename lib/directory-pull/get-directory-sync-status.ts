import { sql } from "@/lib/db/sql";
import { DomainError } from "@/lib/domain-error";
import type { ReconciliationCounts } from "./plan-reconciliation";

export type DirectorySource = "scim" | "google" | "csv";

/** How each kind of directory reaches us, as the portal and the console say it. */
export const DIRECTORY_KIND_NAMES: Record<DirectorySource, string> = {
  scim: "SCIM push",
  google: "Google Workspace pull",
  csv: "CSV import",
};

export type HeldSync = { id: string; startedAt: Date; message: string | null; counts: Partial<ReconciliationCounts> };

export type DirectorySyncStatus = {
  directoryId: string;
  source: DirectorySource;
  kind: string;
  lastSyncAt: Date | null;
  /** Google only: when the schedule pulls next; null for CSV (imports come when someone uploads) and SCIM. */
  nextSyncAt: Date | null;
  /** The last pull's outcome, in words: "Succeeded", "Failed: …", "Held for approval: …". */
  outcome: string;
  outcomeTone: "success" | "danger" | "warning" | "neutral";
  /** Why the last pull failed or was held, as stored on the directory; null once one succeeds. */
  problem: string | null;
  google: { connected: boolean; connectedBy: string | null } | null;
  /** A pull the guard rail held, waiting for someone to approve or discard it. */
  held: HeldSync | null;
  /** A pull that started and has not finished. */
  runningSince: Date | null;
};

type Row = {
  id: string; source: DirectorySource; lastSyncAt: Date | null; nextSyncAt: Date | null; lastSyncOutcome: string | null;
  syncProblem: string | null; googleConnected: boolean; googleConnectedBy: string | null;
  heldId: string | null; heldStartedAt: Date | null; heldMessage: string | null; heldCounts: Partial<ReconciliationCounts> | null;
  runningSince: Date | null;
};

/**
 * What the portal and the console show about how a directory syncs: its kind, its last and next sync, the last
 * outcome in words, and a held pull to approve. One statement, in the directory's organisation; 404 alike for a
 * missing directory and another tenant's.
 */
export async function getDirectorySyncStatus({ organizationId, directoryId }: { organizationId: string; directoryId: string }): Promise<DirectorySyncStatus> {
  const [row] = await sql.query<Row>(
    `SELECT d."id", d."source", d."lastSyncAt", d."nextSyncAt", d."lastSyncOutcome", d."syncProblem",
            d."googleRefreshToken" IS NOT NULL AS "googleConnected", d."googleConnectedBy",
            h."id" AS "heldId", h."startedAt" AS "heldStartedAt", h."message" AS "heldMessage", h."counts" AS "heldCounts",
            (SELECT min(r."startedAt") FROM "DirectorySync" r
              WHERE r."organizationId" = d."organizationId" AND r."directoryId" = d."id" AND r."status" = 'running') AS "runningSince"
       FROM "Directory" d
       LEFT JOIN LATERAL (
         SELECT s."id", s."startedAt", s."message", s."counts" FROM "DirectorySync" s
          WHERE s."organizationId" = d."organizationId" AND s."directoryId" = d."id" AND s."status" = 'held'
          ORDER BY s."id" DESC LIMIT 1) h ON true
      WHERE d."organizationId" = $1 AND d."id" = $2`,
    [organizationId, directoryId],
  );
  if (!row) throw new DomainError("NOT_FOUND", "Directory not found");
  const { outcome, tone } = describeOutcome(row);
  return {
    directoryId: row.id,
    source: row.source,
    kind: DIRECTORY_KIND_NAMES[row.source],
    lastSyncAt: row.lastSyncAt,
    nextSyncAt: row.source === "google" && row.googleConnected ? row.nextSyncAt : null,
    outcome,
    outcomeTone: tone,
    problem: row.syncProblem,
    google: row.source === "google" ? { connected: row.googleConnected, connectedBy: row.googleConnectedBy } : null,
    held: row.heldId ? { id: row.heldId, startedAt: row.heldStartedAt!, message: row.heldMessage, counts: row.heldCounts ?? {} } : null,
    runningSince: row.runningSince,
  };
}

function describeOutcome(row: Row): { outcome: string; tone: DirectorySyncStatus["outcomeTone"] } {
  if (row.source === "scim") return { outcome: "Pushed by the identity provider over SCIM", tone: "neutral" };
  if (row.heldId) return { outcome: "Held for approval", tone: "warning" };
  switch (row.lastSyncOutcome) {
    case "succeeded":
      return { outcome: "Succeeded", tone: "success" };
    case "failed":
      return { outcome: "Failed", tone: "danger" };
    case "discarded":
      return { outcome: "The held sync was discarded; nothing of it was applied", tone: "neutral" };
    case "held":
      return { outcome: "Held for approval", tone: "warning" };
    default:
      if (row.source === "google" && !row.googleConnected) return { outcome: "Not connected to Google Workspace yet", tone: "warning" };
      return { outcome: row.source === "csv" ? "No file imported yet" : "Not synced yet", tone: "neutral" };
  }
}
