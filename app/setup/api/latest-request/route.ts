import { apiJson } from "@/lib/http/api-response";
import { withPortalSession } from "@/lib/http/with-portal-session";
import { getLatestSyncRequest } from "@/lib/portal/get-latest-sync-request";
import { getPortalDirectory } from "@/lib/portal/get-portal-directory";

export const dynamic = "force-dynamic";

// GET /setup/api/latest-request: the newest SCIM request to the portal's directory, described, for the connection test.
export const GET = withPortalSession(async ({ portal }) => {
  const organizationId = portal.organization.id;
  const found = await getPortalDirectory({ organizationId });
  if (!found) return apiJson({ directory: null, latest: null, anySucceeded: false });
  const result = await getLatestSyncRequest({ organizationId, directoryId: found.directory.id, provider: found.directory.provider });
  return apiJson({ directory: { id: found.directory.id, provider: found.directory.provider }, ...result });
}, { covers: "dsync" });
