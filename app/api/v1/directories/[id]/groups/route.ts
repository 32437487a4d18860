import { keyScope } from "@/lib/api/scope";
import { listDirectoryGroupsQuerySchema } from "@/lib/api/schemas/directory-groups";
import { toApiDirectoryGroup } from "@/lib/api/serializers";
import { listDirectoryGroups } from "@/lib/directory/list-directory-groups";
import { apiList, parseRequest, queryOf } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";

// GET /api/v1/directories/{id}/groups
export const GET = withApiKey<{ id: string }>(async ({ url, params, key }) => {
  const page = parseRequest(listDirectoryGroupsQuerySchema, queryOf(url));
  return apiList(await listDirectoryGroups({ directoryId: params.id, organizationId: keyScope(key), ...page }), toApiDirectoryGroup);
});
