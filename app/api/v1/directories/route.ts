import { requestedOrganization } from "@/lib/api/scope";
import { createDirectoryBodySchema, listDirectoriesQuerySchema, SYNC_MODE_NAMES } from "@/lib/api/schemas/directories";
import { toApiDirectory } from "@/lib/api/serializers";
import { createDirectory } from "@/lib/directory/create-directory";
import { listDirectoriesPage } from "@/lib/directory/list-directories-page";
import { DomainError } from "@/lib/domain-error";
import { apiJson, apiList, parseRequest, queryOf, readJsonBody } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";

// GET /api/v1/directories?organization=
export const GET = withApiKey(async ({ url, key }) => {
  const { organization, ...page } = parseRequest(listDirectoriesQuerySchema, queryOf(url));
  return apiList(await listDirectoriesPage({ organizationId: requestedOrganization(key, organization), ...page }), toApiDirectory);
});

// POST /api/v1/directories: answers the SCIM base URL and the first token, which is shown this once.
export const POST = withApiKey(async ({ req, key }) => {
  const body = parseRequest(createDirectoryBodySchema, await readJsonBody(req));
  const organizationId = requestedOrganization(key, body.organization_id);
  if (!organizationId) throw new DomainError("INVALID_INPUT", "is required with a global API key", "organization_id");
  const { directory, token } = await createDirectory({ organizationId, provider: body.provider, syncMode: SYNC_MODE_NAMES[body.sync_mode], name: body.name });
  return apiJson({ ...toApiDirectory(directory), token }, { status: 201 });
});
