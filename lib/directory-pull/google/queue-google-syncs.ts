import { sql } from "@/lib/db/sql";
import { isQueueInstalled, QUEUE_SCHEMA } from "@/lib/events/enqueue-webhook-deliveries";
import { getPullDirectoryOrThrow } from "../get-pull-directory-or-throw";

/** The worker task that pulls one Google Workspace directory (lib/worker/start-worker.ts). */
export const SYNC_GOOGLE_DIRECTORY_TASK = "sync-google-directory";
/** The worker's cron task that queues every directory whose scheduled sync is due. */
export const QUEUE_DUE_GOOGLE_SYNCS_TASK = "queue-due-google-syncs";

export type GoogleSyncJob = { organizationId: string; directoryId: string; trigger: "schedule" | "manual" | "api" | "portal" | "console"; requestedBy: string };

/**
 * Queues a sync of one directory on the job queue. One job key per directory: asking again while one is
 * queued replaces it rather than queueing a second, and the pull lock orders one that is already running.
 */
export async function queueGoogleSync(job: Omit<GoogleSyncJob, "organizationId"> & { organizationId: string | undefined }): Promise<{ queued: true }> {
  const directory = await getPullDirectoryOrThrow(job.organizationId, job.directoryId, "google");
  if (!(await isQueueInstalled(sql))) throw new Error("The job queue is not installed yet: start the worker (npm run worker) once");
  await sql.query(`SELECT ${QUEUE_SCHEMA}.add_job($1, $2::json, job_key => $3, max_attempts => 1)`, [
    SYNC_GOOGLE_DIRECTORY_TASK,
    JSON.stringify({ ...job, organizationId: directory.organizationId }),
    `rollcall:google-sync:${directory.id}`,
  ]);
  return { queued: true };
}

/** Queues every connected Google directory whose next sync is due, and moves its next sync on. */
export async function queueDueGoogleSyncs(): Promise<number> {
  const due = await sql.query<{ id: string; organizationId: string }>(
    `UPDATE "Directory" SET "nextSyncAt" = now() + make_interval(mins => "syncIntervalMinutes")
      WHERE "source" = 'google' AND "status" <> 'DISABLED' AND "googleRefreshToken" IS NOT NULL AND ("nextSyncAt" IS NULL OR "nextSyncAt" <= now())
      RETURNING "id", "organizationId"`,
  );
  for (const d of due) {
    await sql.query(`SELECT ${QUEUE_SCHEMA}.add_job($1, $2::json, job_key => $3, max_attempts => 1)`, [
      SYNC_GOOGLE_DIRECTORY_TASK,
      JSON.stringify({ organizationId: d.organizationId, directoryId: d.id, trigger: "schedule", requestedBy: "schedule" } satisfies GoogleSyncJob),
      `rollcall:google-sync:${d.id}`,
    ]);
  }
  return due.length;
}
