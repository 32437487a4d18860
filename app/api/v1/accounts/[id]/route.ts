import { getAccountOrThrow } from "@/lib/accounts/get-account-or-throw";
import { keyScope } from "@/lib/api/scope";
import { toApiAccount } from "@/lib/api/serializers";
import { apiJson } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";

// GET /api/v1/accounts/{id}
export const GET = withApiKey<{ id: string }>(async ({ params, key }) => {
  return apiJson(toApiAccount(await getAccountOrThrow({ accountId: params.id, organizationId: keyScope(key) })));
});
