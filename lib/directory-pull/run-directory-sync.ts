import { sql, transaction } from "@/lib/db/sql";
import { recordEvent } from "@/lib/events/record-event";
import { newId } from "@/lib/ids";
import { getPullDirectoryOrThrow, type PullDirectoryRow } from "./get-pull-directory-or-throw";
import { applyReconciliationPlan, type ChangeFailure } from "./apply-reconciliation-plan";
import { planReconciliation, SnapshotError, type ReconciliationCounts } from "./plan-reconciliation";
import type { PullSource } from "./pull-log";
import { PullSourceError } from "./pull-source-error";
import type { DirectorySnapshot } from "./snapshot";
import { withDirectoryPullLock } from "./with-directory-pull-lock";

export type SyncOutcome = {
  syncId: string;
  status: "succeeded" | "failed" | "held";
  counts: ReconciliationCounts | null;
  message: string | null;
  failures: ChangeFailure[];
  /**
   * How long each phase took, in milliseconds: reading the source, planning under the lock, applying the changes
   * (0 when held). Only the apply phase makes changes, so changes per second is the changes over `applyMs`;
   * absent when the sync failed before planning.
   */
  timings?: SyncTimings;
};

export type SyncTimings = { readMs: number; planMs: number; applyMs: number };


export type RunDirectorySyncInput = {
  organizationId: string;
  directoryId: string;
  source: PullSource;
  trigger: "schedule" | "manual" | "api" | "cli" | "portal" | "console";
  requestedBy: string;
  /** Reads the whole source. Nothing is changed until it returns, so a source failing halfway changes nothing. */
  fetchSnapshot: () => Promise<DirectorySnapshot>;
  fileName?: string | null;
  rowCount?: number | null;
  /** CSV rows that were skipped at the admin's request, kept with the import. */
  problems?: unknown[] | null;
};

/**
 * One pull of a directory, recorded in its history (DirectorySync): read the source, then, under the directory's
 * pull lock, plan the changes against what is stored and apply them, unless they would deactivate more than the
 * directory's guard-rail share of its active users, in which case the snapshot is held for someone to approve.
 * A source that fails leaves every user as it was, sets the directory's status in words and emits
 * `dsync.sync_failed`.
 */
export async function runDirectorySync(input: RunDirectorySyncInput): Promise<SyncOutcome> {
  const directory = await getPullDirectoryOrThrow(input.organizationId, input.directoryId);
  const syncId = newId("syn");
  await sql.execute(
    `INSERT INTO "DirectorySync" ("id", "organizationId", "directoryId", "source", "trigger", "requestedBy", "fileName", "rowCount", "problems")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [syncId, directory.organizationId, directory.id, input.source, input.trigger, input.requestedBy, input.fileName ?? null, input.rowCount ?? null,
      input.problems?.length ? JSON.stringify(input.problems) : null],
  );
  let snapshot: DirectorySnapshot;
  const readStart = performance.now();
  try {
    snapshot = await input.fetchSnapshot();
  } catch (err) {
    const message = err instanceof PullSourceError ? err.message : `The source could not be read: ${err instanceof Error ? err.message : String(err)}`;
    await failSync(directory, syncId, input.source, message);
    return { syncId, status: "failed", counts: null, message, failures: [] };
  }
  const readMs = performance.now() - readStart;
  return reconcileUnderLock(directory, syncId, input.source, snapshot, { approved: false, readMs });
}

/** Applies a held pull's snapshot, with the guard rail lifted by the person who approved it. */
export async function reconcileHeldSnapshot(
  { organizationId, directoryId, syncId, source, snapshot }: { organizationId: string; directoryId: string; syncId: string; source: PullSource; snapshot: DirectorySnapshot },
): Promise<SyncOutcome> {
  const directory = await getPullDirectoryOrThrow(organizationId, directoryId);
  return reconcileUnderLock(directory, syncId, source, snapshot, { approved: true, readMs: 0 });
}

async function reconcileUnderLock(
  directory: PullDirectoryRow, syncId: string, source: PullSource, snapshot: DirectorySnapshot, { approved, readMs }: { approved: boolean; readMs: number },
): Promise<SyncOutcome> {
  try {
    return await withDirectoryPullLock(directory.id, async () => {
      // Read again under the lock: a sync mode or guard changed while the source was being read applies now.
      const current = await getPullDirectoryOrThrow(directory.organizationId, directory.id);
      const planStart = performance.now();
      const plan = await planReconciliation(sql, current, snapshot);
      const planMs = performance.now() - planStart;
      const share = plan.activeUsers === 0 ? 0 : (plan.counts.deactivated / plan.activeUsers) * 100;
      if (!approved && plan.counts.deactivated > 0 && share > current.deactivationGuardPercent) {
        const message = `Held for approval: this sync would deactivate ${plan.counts.deactivated} of ${plan.activeUsers} active users (${Math.round(share)}%), more than the ${current.deactivationGuardPercent}% this directory allows at once. Nothing was changed.`;
        await finishSync(current, syncId, { status: "held", counts: plan.counts, message, snapshot });
        return { syncId, status: "held" as const, counts: plan.counts, message, failures: [], timings: { readMs, planMs, applyMs: 0 } };
      }
      const applyStart = performance.now();
      const failures = await applyReconciliationPlan({ directory: current, source, syncId, plan });
      const applyMs = performance.now() - applyStart;
      const message = failures.length === 0 ? null
        : `${failures.length} of ${plan.users.length + plan.groups.length} changes could not be applied; the first: ${failures[0]!.subject}: ${failures[0]!.message}`;
      await finishSync(current, syncId, { status: failures.length === 0 ? "succeeded" : "failed", counts: plan.counts, message, failures });
      return { syncId, status: failures.length === 0 ? "succeeded" as const : "failed" as const, counts: plan.counts, message, failures, timings: { readMs, planMs, applyMs } };
    });
  } catch (err) {
    if (!(err instanceof SnapshotError)) throw err;
    await failSync(directory, syncId, source, err.message);
    return { syncId, status: "failed", counts: null, message: err.message, failures: [] };
  }
}

async function finishSync(
  directory: PullDirectoryRow, syncId: string,
  { status, counts, message, snapshot, failures }: { status: "succeeded" | "failed" | "held"; counts: ReconciliationCounts; message: string | null; snapshot?: DirectorySnapshot; failures?: ChangeFailure[] },
) {
  await transaction(async (tx) => {
    await tx.execute(
      `UPDATE "DirectorySync" SET "status" = $3::text::"DirectorySyncStatus", "finishedAt" = now(), "counts" = $4,
              "message" = COALESCE($5, "message"), "snapshot" = $6,
              "problems" = COALESCE($7::jsonb, "problems")
        WHERE "organizationId" = $1 AND "id" = $2`,
      [directory.organizationId, syncId, status, JSON.stringify(counts), message, snapshot ? JSON.stringify(snapshot) : null,
        failures?.length ? JSON.stringify(failures) : null],
    );
    await tx.execute(
      `UPDATE "Directory" SET "lastSyncAt" = now(), "lastSyncOutcome" = $3, "syncProblem" = $4,
              "status" = CASE WHEN "status" = 'PENDING' THEN 'ACTIVE'::"DirectoryStatus" ELSE "status" END,
              "nextSyncAt" = CASE WHEN "source" = 'google' THEN now() + make_interval(mins => "syncIntervalMinutes") ELSE NULL END, "updatedAt" = now()
        WHERE "organizationId" = $1 AND "id" = $2`,
      [directory.organizationId, directory.id, status, status === "succeeded" ? null : message],
    );
  });
}

async function failSync(directory: PullDirectoryRow, syncId: string, source: PullSource, message: string) {
  await transaction(async (tx) => {
    await tx.execute(
      `UPDATE "DirectorySync" SET "status" = 'failed', "finishedAt" = now(), "message" = $3 WHERE "organizationId" = $1 AND "id" = $2`,
      [directory.organizationId, syncId, message],
    );
    await tx.execute(
      `UPDATE "Directory" SET "lastSyncAt" = now(), "lastSyncOutcome" = 'failed', "syncProblem" = $3,
              "nextSyncAt" = CASE WHEN "source" = 'google' THEN now() + make_interval(mins => "syncIntervalMinutes") ELSE NULL END, "updatedAt" = now()
        WHERE "organizationId" = $1 AND "id" = $2`,
      [directory.organizationId, directory.id, message],
    );
    await recordEvent(tx, {
      type: "dsync.sync_failed",
      organizationId: directory.organizationId,
      directoryId: directory.id,
      data: { directory_id: directory.id, organization_id: directory.organizationId, sync_id: syncId, source, message },
    });
  });
}
