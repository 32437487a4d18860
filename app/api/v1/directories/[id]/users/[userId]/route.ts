import { keyScope } from "@/lib/api/scope";
import { toApiDirectoryUserDetail } from "@/lib/api/serializers";
import { getDirectoryUserOrThrow } from "@/lib/directory/get-directory-user-or-throw";
import { apiJson } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";

// GET /api/v1/directories/{id}/users/{userId}: the stored SCIM attributes and the user's groups.
export const GET = withApiKey<{ id: string; userId: string }>(async ({ params, key }) => {
  const user = await getDirectoryUserOrThrow({ directoryId: params.id, userId: params.userId, organizationId: keyScope(key) });
  return apiJson(toApiDirectoryUserDetail(user));
});
