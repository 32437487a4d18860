import { assertOrganizationInScope } from "@/lib/api/scope";
import { createSetupLinkBodySchema } from "@/lib/api/schemas/setup-links";
import { toApiSetupLink } from "@/lib/api/serializers";
import { createSetupLink } from "@/lib/auth/create-setup-link";
import { listSetupLinks } from "@/lib/auth/list-setup-links";
import { apiJson, apiList, parseRequest, readJsonBody } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";
import { getOrganizationOrThrow } from "@/lib/organizations/get-organization-or-throw";

// GET /api/v1/organizations/{id}/setup-links: every link, newest first (an organisation has a handful).
export const GET = withApiKey<{ id: string }>(async ({ params, key }) => {
  assertOrganizationInScope(key, params.id);
  const organization = await getOrganizationOrThrow({ organizationId: params.id });
  return apiList({ data: await listSetupLinks({ organizationId: organization.id }), nextCursor: null }, toApiSetupLink);
});

// POST /api/v1/organizations/{id}/setup-links: the URL is in this answer only.
export const POST = withApiKey<{ id: string }>(async ({ req, params, key }) => {
  assertOrganizationInScope(key, params.id);
  const body = parseRequest(createSetupLinkBodySchema, await readJsonBody(req));
  const { setupLink, url } = await createSetupLink({ organizationId: params.id, intent: body.intent, expiresIn: body.expires_in, createdBy: `api:${key.id}` });
  return apiJson({ ...toApiSetupLink(setupLink), url }, { status: 201 });
});
