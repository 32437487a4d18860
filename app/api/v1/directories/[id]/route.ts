import { keyScope } from "@/lib/api/scope";
import { SYNC_MODE_NAMES, updateDirectoryBodySchema } from "@/lib/api/schemas/directories";
import { toApiDirectory, toApiDirectoryDetail } from "@/lib/api/serializers";
import { listActiveScimTokens } from "@/lib/auth/list-scim-tokens";
import { deleteDirectory } from "@/lib/directory/delete-directory";
import { getConnectionHealth } from "@/lib/directory-health/load-connection-health";
import { DomainError } from "@/lib/domain-error";
import { getDirectoryOrThrow } from "@/lib/directory/get-directory-or-throw";
import { updateDirectory } from "@/lib/directory/update-directory";
import { apiJson, apiNoContent, parseRequest, readJsonBody } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";

// GET /api/v1/directories/{id}: with the tokens that work now (prefixes only) and the connection's health.
export const GET = withApiKey<{ id: string }>(async ({ params, key }) => {
  const directory = await getDirectoryOrThrow({ directoryId: params.id, organizationId: keyScope(key) });
  const scope = { directoryId: directory.id, organizationId: directory.organizationId };
  const [tokens, health] = await Promise.all([listActiveScimTokens(scope), getConnectionHealth(scope)]);
  if (!health) throw new DomainError("NOT_FOUND", `Directory ${directory.id} not found`, "directory");
  return apiJson(toApiDirectoryDetail(directory, tokens, health));
});

// PATCH /api/v1/directories/{id}: name, sync_mode.
export const PATCH = withApiKey<{ id: string }>(async ({ req, params, key }) => {
  const body = parseRequest(updateDirectoryBodySchema, await readJsonBody(req));
  const syncMode = body.sync_mode && SYNC_MODE_NAMES[body.sync_mode];
  return apiJson(toApiDirectory(await updateDirectory({ directoryId: params.id, organizationId: keyScope(key), name: body.name, syncMode })));
});

// DELETE /api/v1/directories/{id}: its tokens, users, groups and sync log go with it; accounts stay.
export const DELETE = withApiKey<{ id: string }>(async ({ params, key }) => {
  await deleteDirectory({ directoryId: params.id, organizationId: keyScope(key) });
  return apiNoContent();
});
