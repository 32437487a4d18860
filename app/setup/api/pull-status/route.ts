import { getDirectorySyncStatus } from "@/lib/directory-pull/get-directory-sync-status";
import { toDirectorySyncStatusJson } from "@/lib/directory-pull/to-directory-sync-status-json";
import { apiJson } from "@/lib/http/api-response";
import { withPortalSession } from "@/lib/http/with-portal-session";
import { getPortalDirectory } from "@/lib/portal/get-portal-directory";

export const dynamic = "force-dynamic";

// GET /setup/api/pull-status: how the portal's directory syncs (kind, last and next sync, outcome, a held sync); { status: null } before it is set up.
export const GET = withPortalSession(async ({ portal }) => {
  const found = await getPortalDirectory({ organizationId: portal.organization.id });
  if (!found) return apiJson({ status: null });
  const status = await getDirectorySyncStatus({ organizationId: portal.organization.id, directoryId: found.directory.id });
  return apiJson({ status: toDirectorySyncStatusJson(status) });
}, { covers: "dsync" });
