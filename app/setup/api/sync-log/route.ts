import { listSyncLogView, syncLogViewQuerySchema } from "@/lib/audit/list-sync-log-view";
import { apiJson, parseRequest } from "@/lib/http/api-response";
import { withPortalSession } from "@/lib/http/with-portal-session";
import { getPortalDirectory } from "@/lib/portal/get-portal-directory";

export const dynamic = "force-dynamic";

// GET /setup/api/sync-log?outcome=&action=&range=&q=&after=&limit=: the portal directory's sync log, newest first, in words.
// The scope is the session's organisation and the directory the portal set up; the query cannot widen it.
export const GET = withPortalSession(async ({ url, portal }) => {
  const filter = parseRequest(syncLogViewQuerySchema, url.searchParams);
  const found = await getPortalDirectory({ organizationId: portal.organization.id });
  if (!found) return apiJson({ data: [], nextCursor: null });
  return apiJson(await listSyncLogView({ ...filter, organizationId: portal.organization.id, directoryId: found.directory.id }));
}, { covers: "dsync" });
