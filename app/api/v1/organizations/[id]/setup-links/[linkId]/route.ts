import { assertOrganizationInScope } from "@/lib/api/scope";
import { toApiSetupLink } from "@/lib/api/serializers";
import { revokeSetupLink } from "@/lib/auth/revoke-setup-link";
import { apiJson } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";

// DELETE /api/v1/organizations/{id}/setup-links/{linkId}: revokes; the row stays, so the list shows it as revoked.
export const DELETE = withApiKey<{ id: string; linkId: string }>(async ({ params, key }) => {
  assertOrganizationInScope(key, params.id);
  const { setupLink } = await revokeSetupLink({ organizationId: params.id, setupLinkId: params.linkId });
  return apiJson(toApiSetupLink(setupLink));
});
