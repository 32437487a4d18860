import { sql } from "@/lib/db/sql";
import type { ReconciliationCounts } from "./plan-reconciliation";

export type DirectorySyncRow = {
  id: string;
  source: "google" | "csv";
  trigger: string;
  requestedBy: string;
  status: "running" | "succeeded" | "failed" | "held" | "discarded";
  startedAt: Date;
  finishedAt: Date | null;
  counts: Partial<ReconciliationCounts>;
  message: string | null;
  problems: unknown[] | null;
  fileName: string | null;
  rowCount: number | null;
};

/** A directory's pulls and imports, newest first: who started each, when, what it changed and how it ended. */
export async function listDirectorySyncs({ organizationId, directoryId, limit = 50, before }: { organizationId: string; directoryId: string; limit?: number; before?: string }): Promise<DirectorySyncRow[]> {
  return sql.query<DirectorySyncRow>(
    `SELECT "id", "source", "trigger", "requestedBy", "status", "startedAt", "finishedAt", "counts", "message", "problems", "fileName", "rowCount"
       FROM "DirectorySync"
      WHERE "organizationId" = $1 AND "directoryId" = $2 AND ($3::text IS NULL OR "id" < $3)
      ORDER BY "id" DESC LIMIT $4`,
    [organizationId, directoryId, before ?? null, limit],
  );
}
