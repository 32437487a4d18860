import { createAccount } from "@/lib/accounts/create-account";
import { listAccounts } from "@/lib/accounts/list-accounts";
import { assertOrganizationInScope } from "@/lib/api/scope";
import { createAccountBodySchema, listAccountsQuerySchema } from "@/lib/api/schemas/accounts";
import { toApiAccount } from "@/lib/api/serializers";
import { apiJson, apiList, parseRequest, queryOf, readJsonBody } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";
import { getOrganizationOrThrow } from "@/lib/organizations/get-organization-or-throw";

// GET /api/v1/organizations/{id}/accounts
export const GET = withApiKey<{ id: string }>(async ({ url, params, key }) => {
  assertOrganizationInScope(key, params.id);
  const query = parseRequest(listAccountsQuerySchema, queryOf(url));
  const organization = await getOrganizationOrThrow({ organizationId: params.id });
  return apiList(await listAccounts({ organizationId: organization.id, ...query }), toApiAccount);
});

// POST /api/v1/organizations/{id}/accounts: a `manual` account; a second one with the same email (any case) is 409.
export const POST = withApiKey<{ id: string }>(async ({ req, params, key }) => {
  assertOrganizationInScope(key, params.id);
  const body = parseRequest(createAccountBodySchema, await readJsonBody(req));
  return apiJson(toApiAccount(await createAccount({ organizationId: params.id, ...body })), { status: 201 });
});
