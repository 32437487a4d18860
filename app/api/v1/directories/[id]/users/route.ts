import { keyScope } from "@/lib/api/scope";
import { listDirectoryUsersQuerySchema } from "@/lib/api/schemas/directory-users";
import { toApiDirectoryUser } from "@/lib/api/serializers";
import { listDirectoryUsers } from "@/lib/directory/list-directory-users";
import { apiList, parseRequest, queryOf } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";

// GET /api/v1/directories/{id}/users?group=&state=active|inactive&limit=&after=
export const GET = withApiKey<{ id: string }>(async ({ url, params, key }) => {
  const { group, state, ...page } = parseRequest(listDirectoryUsersQuerySchema, queryOf(url));
  const active = state === undefined ? undefined : state === "active";
  return apiList(await listDirectoryUsers({ directoryId: params.id, organizationId: keyScope(key), groupId: group, active, ...page }), toApiDirectoryUser);
});
