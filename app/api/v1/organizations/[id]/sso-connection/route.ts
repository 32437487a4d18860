import { assertOrganizationInScope } from "@/lib/api/scope";
import { putSsoConnectionBodySchema } from "@/lib/api/schemas/sso-connections";
import { toApiSsoConnectionSettings } from "@/lib/api/sso-serializers";
import { apiJson, apiNoContent, parseRequest, readJsonBody } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";
import { getOrganizationOrThrow } from "@/lib/organizations/get-organization-or-throw";
import { configureSsoConnection } from "@/lib/sso/configure-sso-connection";
import { deleteSsoConnection } from "@/lib/sso/delete-sso-connection";
import { getSsoConnection } from "@/lib/sso/get-sso-connection";

// GET /api/v1/organizations/{id}/sso-connection: our side always; the connection, without its secret, or null.
export const GET = withApiKey<{ id: string }>(async ({ params, key }) => {
  assertOrganizationInScope(key, params.id);
  const organization = await getOrganizationOrThrow({ organizationId: params.id });
  return apiJson(toApiSsoConnectionSettings(organization.id, await getSsoConnection({ organizationId: organization.id })));
});

// PUT /api/v1/organizations/{id}/sso-connection: creates or replaces it, with the portal's checks.
export const PUT = withApiKey<{ id: string }>(async ({ req, params, key }) => {
  assertOrganizationInScope(key, params.id);
  const organization = await getOrganizationOrThrow({ organizationId: params.id });
  const body = parseRequest(putSsoConnectionBodySchema, await readJsonBody(req));
  const view = await configureSsoConnection(
    body.protocol === "saml"
      ? { organizationId: organization.id, protocol: "saml", provider: body.provider, metadataXml: body.metadata_xml, metadataUrl: body.metadata_url, allowIdpInitiated: body.allow_idp_initiated }
      : { organizationId: organization.id, protocol: "oidc", provider: body.provider, issuer: body.issuer, clientId: body.client_id, clientSecret: body.client_secret },
  );
  return apiJson(toApiSsoConnectionSettings(organization.id, view));
});

// DELETE /api/v1/organizations/{id}/sso-connection: sign-in through it stops; 404 when there is none.
export const DELETE = withApiKey<{ id: string }>(async ({ params, key }) => {
  assertOrganizationInScope(key, params.id);
  const organization = await getOrganizationOrThrow({ organizationId: params.id });
  await deleteSsoConnection({ organizationId: organization.id });
  return apiNoContent();
});
