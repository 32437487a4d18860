import { assertGlobalKey, assertOrganizationInScope } from "@/lib/api/scope";
import { updateOrganizationBodySchema } from "@/lib/api/schemas/organizations";
import { toApiOrganization } from "@/lib/api/serializers";
import { apiJson, apiNoContent, parseRequest, readJsonBody } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";
import { deleteOrganization } from "@/lib/organizations/delete-organization";
import { getOrganizationOrThrow } from "@/lib/organizations/get-organization-or-throw";
import { updateOrganization } from "@/lib/organizations/update-organization";

// GET /api/v1/organizations/{id}
export const GET = withApiKey<{ id: string }>(async ({ params, key }) => {
  assertOrganizationInScope(key, params.id);
  return apiJson(toApiOrganization(await getOrganizationOrThrow({ organizationId: params.id })));
});

// PATCH /api/v1/organizations/{id}: name, slug, domains, support_contact; what is left out stays.
export const PATCH = withApiKey<{ id: string }>(async ({ req, params, key }) => {
  assertOrganizationInScope(key, params.id);
  const { support_contact: supportContact, ...body } = parseRequest(updateOrganizationBodySchema, await readJsonBody(req));
  return apiJson(toApiOrganization(await updateOrganization({ organizationId: params.id, ...body, supportContact })));
});

// DELETE /api/v1/organizations/{id}: global keys only (a scoped key gets 403 for its own, 404 for another's);
// everything the organization owns goes with it, and `organization.deleted` goes out.
export const DELETE = withApiKey<{ id: string }>(async ({ params, key }) => {
  assertOrganizationInScope(key, params.id);
  assertGlobalKey(key, "delete an organization, its own included");
  await deleteOrganization({ organizationId: params.id, deletedBy: `api:${key.id}` });
  return apiNoContent();
});
