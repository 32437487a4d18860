import { keyScope } from "@/lib/api/scope";
import { getPullDirectoryOrThrow } from "@/lib/directory-pull/get-pull-directory-or-throw";
import { discardHeldSync } from "@/lib/directory-pull/resolve-held-sync";
import { apiJson } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";

// POST /api/v1/directories/{id}/syncs/{syncId}/discard: drops a held pull; nothing of it is applied.
export const POST = withApiKey<{ id: string; syncId: string }>(async ({ params, key }) => {
  const directory = await getPullDirectoryOrThrow(keyScope(key), params.id);
  await discardHeldSync({ organizationId: directory.organizationId, directoryId: directory.id, syncId: params.syncId, discardedBy: `api:${key.id}` });
  return apiJson({ id: params.syncId, status: "discarded" });
});
