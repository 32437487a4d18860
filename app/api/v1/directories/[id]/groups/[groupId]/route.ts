import { keyScope } from "@/lib/api/scope";
import { getDirectoryGroupQuerySchema } from "@/lib/api/schemas/directory-groups";
import { toApiDirectoryGroupDetail } from "@/lib/api/serializers";
import { getDirectoryGroupOrThrow } from "@/lib/directory/get-directory-group-or-throw";
import { apiJson, parseRequest, queryOf } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";

// GET /api/v1/directories/{id}/groups/{groupId}?limit=&after=: the group and one page of its members.
export const GET = withApiKey<{ id: string; groupId: string }>(async ({ url, params, key }) => {
  const { limit, after } = parseRequest(getDirectoryGroupQuerySchema, queryOf(url));
  const result = await getDirectoryGroupOrThrow({ directoryId: params.id, groupId: params.groupId, organizationId: keyScope(key), membersLimit: limit, membersAfter: after });
  return apiJson(toApiDirectoryGroupDetail(result));
});
