import { sql } from "@/lib/db/sql";
import { DomainError } from "@/lib/domain-error";
import type { PullSource } from "./pull-log";
import { reconcileHeldSnapshot, type SyncOutcome } from "./run-directory-sync";
import type { DirectorySnapshot } from "./snapshot";

type HeldRow = { id: string; source: PullSource; snapshot: DirectorySnapshot | null };

/**
 * Approves a pull the guard rail held: its snapshot is applied now, against what is stored now, with the
 * deactivation limit lifted. Only the held pull itself is approved; a later pull is guarded again.
 */
export async function approveHeldSync({ organizationId, directoryId, syncId, approvedBy }: { organizationId: string; directoryId: string; syncId: string; approvedBy: string }): Promise<SyncOutcome> {
  const held = await claimHeldSync({ organizationId, directoryId, syncId, status: "running", by: `approved by ${approvedBy}` });
  return reconcileHeldSnapshot({ organizationId, directoryId, syncId, source: held.source, snapshot: held.snapshot! });
}

/** Discards a held pull: nothing of it is applied, and its snapshot is dropped. */
export async function discardHeldSync({ organizationId, directoryId, syncId, discardedBy }: { organizationId: string; directoryId: string; syncId: string; discardedBy: string }) {
  await claimHeldSync({ organizationId, directoryId, syncId, status: "discarded", by: `discarded by ${discardedBy}` });
  await sql.execute(
    `UPDATE "Directory" SET "lastSyncOutcome" = 'discarded', "syncProblem" = NULL, "updatedAt" = now()
      WHERE "organizationId" = $1 AND "id" = $2 AND "lastSyncOutcome" = 'held'`,
    [organizationId, directoryId],
  );
}

/** Moves a held pull on, once: of two people approving at once, one gets it and the other a conflict. */
async function claimHeldSync(
  { organizationId, directoryId, syncId, status, by }: { organizationId: string; directoryId: string; syncId: string; status: "running" | "discarded"; by: string },
): Promise<HeldRow> {
  const [row] = await sql.query<HeldRow>(
    `UPDATE "DirectorySync" SET "status" = $4::text::"DirectorySyncStatus", "message" = CASE WHEN $4::text = 'discarded' THEN COALESCE("message" || ' ', '') || $5 ELSE $5 END,
            "snapshot" = CASE WHEN $4::text = 'discarded' THEN NULL ELSE "snapshot" END,
            "finishedAt" = CASE WHEN $4::text = 'discarded' THEN now() ELSE "finishedAt" END
      WHERE "organizationId" = $1 AND "directoryId" = $2 AND "id" = $3 AND "status" = 'held'
      RETURNING "id", "source", "snapshot"`,
    [organizationId, directoryId, syncId, status, status === "discarded" ? `(${capitalised(by)}.)` : `${capitalised(by)}.`],
  );
  if (row) return row;
  const [exists] = await sql.query(`SELECT 1 FROM "DirectorySync" WHERE "organizationId" = $1 AND "directoryId" = $2 AND "id" = $3`, [organizationId, directoryId, syncId]);
  if (!exists) throw new DomainError("NOT_FOUND", "Sync not found");
  throw new DomainError("CONFLICT", "This sync is not waiting for approval any more");
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
