import type { z } from "zod";
import type { DirectorySyncRow } from "@/lib/directory-pull/list-directory-syncs";
import type { ReconciliationCounts } from "@/lib/directory-pull/plan-reconciliation";
import type { directorySyncSchema } from "./schemas/directory-pulls";

type Out<T extends z.ZodType> = z.output<T>;

export function toApiSyncCounts(c: Partial<ReconciliationCounts>) {
  return {
    created: c.created ?? 0, updated: c.updated ?? 0, deactivated: c.deactivated ?? 0, reactivated: c.reactivated ?? 0,
    groups_created: c.groupsCreated ?? 0, groups_updated: c.groupsUpdated ?? 0, groups_deleted: c.groupsDeleted ?? 0,
    members_added: c.membersAdded ?? 0, members_removed: c.membersRemoved ?? 0,
  };
}

export function toApiDirectorySync(directoryId: string, s: DirectorySyncRow): Out<typeof directorySyncSchema> {
  return {
    id: s.id,
    directory_id: directoryId,
    source: s.source,
    trigger: s.trigger,
    requested_by: s.requestedBy,
    status: s.status,
    started_at: s.startedAt.toISOString(),
    finished_at: s.finishedAt?.toISOString() ?? null,
    counts: Object.keys(s.counts).length === 0 ? {} : toApiSyncCounts(s.counts),
    message: s.message,
    problems: s.problems,
    file_name: s.fileName,
    row_count: s.rowCount,
  };
}
