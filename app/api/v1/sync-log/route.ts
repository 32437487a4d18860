import { keyScope, requestedOrganization } from "@/lib/api/scope";
import { listSyncLogQuerySchema } from "@/lib/api/schemas/sync-log";
import { toApiSyncLogEntry } from "@/lib/api/serializers";
import { querySyncLog } from "@/lib/audit/query-sync-log";
import { getDirectoryOrThrow } from "@/lib/directory/get-directory-or-throw";
import { apiList, parseRequest, queryOf } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";

// GET /api/v1/sync-log?directory=&organization=&status=&action=&since=&until=&q=&limit=&after=: newest first.
export const GET = withApiKey(async ({ url, key }) => {
  const { directory, organization, ...filter } = parseRequest(listSyncLogQuerySchema, queryOf(url));
  const organizationId = requestedOrganization(key, organization);
  // A directory outside the key's scope is "not found", as everywhere else, rather than an empty log.
  const directoryId = directory && (await getDirectoryOrThrow({ directoryId: directory, organizationId: keyScope(key) })).id;
  const page = await querySyncLog({ organizationId, directoryId, ...filter });
  return apiList(page, toApiSyncLogEntry);
});
