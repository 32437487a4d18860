import type { Task } from "graphile-worker";
import { z } from "zod";
import { QUEUE_DUE_GOOGLE_SYNCS_TASK, queueDueGoogleSyncs, SYNC_GOOGLE_DIRECTORY_TASK } from "@/lib/directory-pull/google/queue-google-syncs";
import { syncGoogleDirectory } from "@/lib/directory-pull/google/sync-google-directory";

const jobSchema = z.object({
  organizationId: z.string().min(1),
  directoryId: z.string().min(1),
  trigger: z.enum(["schedule", "manual", "api", "portal", "console"]),
  requestedBy: z.string().min(1),
});

/** The worker's Google Workspace tasks: pull one directory, and (from cron) queue the ones that are due. */
export function googleSyncTasks(log: (line: string) => void): Record<string, Task> {
  return {
    [SYNC_GOOGLE_DIRECTORY_TASK]: async (payload) => {
      const job = jobSchema.safeParse(payload);
      if (!job.success) return log(`dropped a ${SYNC_GOOGLE_DIRECTORY_TASK} job without a directory`);
      // A failed pull is recorded on the directory and in its history; the job itself ends normally, and the
      // schedule tries again.
      const out = await syncGoogleDirectory(job.data);
      if (out.status === "failed") log(`Google Workspace sync of ${job.data.directoryId} failed: ${out.message}`);
    },
    [QUEUE_DUE_GOOGLE_SYNCS_TASK]: async () => {
      await queueDueGoogleSyncs();
    },
  };
}
