import { keyScope } from "@/lib/api/scope";
import { toApiSyncCounts } from "@/lib/api/to-api-directory-sync";
import { getPullDirectoryOrThrow } from "@/lib/directory-pull/get-pull-directory-or-throw";
import { approveHeldSync } from "@/lib/directory-pull/resolve-held-sync";
import { apiJson } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";

// POST /api/v1/directories/{id}/syncs/{syncId}/approve: applies a pull the guard rail held.
export const POST = withApiKey<{ id: string; syncId: string }>(async ({ params, key }) => {
  const directory = await getPullDirectoryOrThrow(keyScope(key), params.id);
  const out = await approveHeldSync({ organizationId: directory.organizationId, directoryId: directory.id, syncId: params.syncId, approvedBy: `api:${key.id}` });
  return apiJson({ id: out.syncId, status: out.status, message: out.message, counts: out.counts ? toApiSyncCounts(out.counts) : null });
});
