import { getDirectorySyncStatus } from "@/lib/directory-pull/get-directory-sync-status";
import { toDirectorySyncStatusJson } from "@/lib/directory-pull/to-directory-sync-status-json";
import { ConsoleSyncStatus } from "./console-sync-status";

/** The sync status of a pulled directory (Google Workspace, CSV) for the console's directory pages; nothing for SCIM. */
export async function PullStatusPanel({ organizationId, directoryId, staffRole }: { organizationId: string; directoryId: string; staffRole: "admin" | "support" }) {
  const status = await getDirectorySyncStatus({ organizationId, directoryId });
  if (status.source === "scim") return null;
  return <ConsoleSyncStatus directoryId={directoryId} status={toDirectorySyncStatusJson(status)} canResolve={staffRole === "admin"} />;
}
