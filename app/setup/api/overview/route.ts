import { getConnectionHealth } from "@/lib/directory-health/load-connection-health";
import { toConnectionHealthJson } from "@/lib/directory-health/to-connection-health-json";
import { apiJson } from "@/lib/http/api-response";
import { withPortalSession } from "@/lib/http/with-portal-session";
import { getDirectoryOverview } from "@/lib/portal/get-directory-overview";
import { getPortalDirectory } from "@/lib/portal/get-portal-directory";

export const dynamic = "force-dynamic";

// GET /setup/api/overview: the portal directory's counts and connection health, for the live overview; { directory: null } before sync is set up.
export const GET = withPortalSession(async ({ portal }) => {
  const organizationId = portal.organization.id;
  const found = await getPortalDirectory({ organizationId });
  if (!found) return apiJson({ directory: null });
  const [counts, health] = await Promise.all([
    getDirectoryOverview({ organizationId, directoryId: found.directory.id }),
    getConnectionHealth({ organizationId, directoryId: found.directory.id }),
  ]);
  const { id, provider, source, syncMode, status } = found.directory;
  return apiJson({ directory: { id, provider, source, syncMode, status }, counts, health: health ? toConnectionHealthJson(health) : null });
}, { covers: "dsync" });
