import { apiJson } from "@/lib/http/api-response";
import { withPortalSession } from "@/lib/http/with-portal-session";
import { getDirectoryOverview } from "@/lib/portal/get-directory-overview";
import { getPortalDirectory } from "@/lib/portal/get-portal-directory";

export const dynamic = "force-dynamic";

// GET /setup/api/overview: the portal directory's counts, for the live overview; { directory: null } before sync is set up.
export const GET = withPortalSession(async ({ portal }) => {
  const organizationId = portal.organization.id;
  const found = await getPortalDirectory({ organizationId });
  if (!found) return apiJson({ directory: null });
  const counts = await getDirectoryOverview({ organizationId, directoryId: found.directory.id });
  const { id, provider, syncMode, status } = found.directory;
  return apiJson({ directory: { id, provider, syncMode, status }, counts });
}, { covers: "dsync" });
