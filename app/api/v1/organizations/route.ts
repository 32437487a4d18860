import { assertGlobalKey, keyScope } from "@/lib/api/scope";
import { createOrganizationBodySchema, listOrganizationsQuerySchema } from "@/lib/api/schemas/organizations";
import { toApiOrganization } from "@/lib/api/serializers";
import { apiJson, apiList, parseRequest, queryOf, readJsonBody } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";
import { createOrganization } from "@/lib/organizations/create-organization";
import { listOrganizationsPage } from "@/lib/organizations/list-organizations-page";

// GET /api/v1/organizations: a page of organizations; an organization's key sees only its own.
export const GET = withApiKey(async ({ url, key }) => {
  const query = parseRequest(listOrganizationsQuerySchema, queryOf(url));
  return apiList(await listOrganizationsPage({ organizationId: keyScope(key), ...query }), toApiOrganization);
});

// POST /api/v1/organizations: global keys only.
export const POST = withApiKey(async ({ req, key }) => {
  assertGlobalKey(key, "create organizations");
  const { support_contact: supportContact, ...body } = parseRequest(createOrganizationBodySchema, await readJsonBody(req));
  return apiJson(toApiOrganization(await createOrganization({ ...body, supportContact })), { status: 201 });
});
