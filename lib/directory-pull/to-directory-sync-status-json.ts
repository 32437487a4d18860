import type { DirectorySyncStatus } from "./get-directory-sync-status";

export type DirectorySyncStatusJson = Omit<DirectorySyncStatus, "lastSyncAt" | "nextSyncAt" | "held" | "runningSince"> & {
  lastSyncAt: string | null;
  nextSyncAt: string | null;
  runningSince: string | null;
  held: (Omit<NonNullable<DirectorySyncStatus["held"]>, "startedAt"> & { startedAt: string }) | null;
};

/** The sync status as the portal's live panel reads it. */
export function toDirectorySyncStatusJson(s: DirectorySyncStatus): DirectorySyncStatusJson {
  return {
    ...s,
    lastSyncAt: s.lastSyncAt?.toISOString() ?? null,
    nextSyncAt: s.nextSyncAt?.toISOString() ?? null,
    runningSince: s.runningSince?.toISOString() ?? null,
    held: s.held ? { ...s.held, startedAt: s.held.startedAt.toISOString() } : null,
  };
}
