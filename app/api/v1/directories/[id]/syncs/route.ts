import { listDirectorySyncsQuerySchema } from "@/lib/api/schemas/directory-pulls";
import { keyScope } from "@/lib/api/scope";
import { toApiDirectorySync } from "@/lib/api/to-api-directory-sync";
import { queueGoogleSync } from "@/lib/directory-pull/google/queue-google-syncs";
import { getPullDirectoryOrThrow } from "@/lib/directory-pull/get-pull-directory-or-throw";
import { listDirectorySyncs } from "@/lib/directory-pull/list-directory-syncs";
import { apiJson, parseRequest, queryOf } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";

// GET /api/v1/directories/{id}/syncs: the directory's Google syncs and CSV imports, newest first.
export const GET = withApiKey<{ id: string }>(async ({ url, params, key }) => {
  const { limit, after } = parseRequest(listDirectorySyncsQuerySchema, queryOf(url));
  const directory = await getPullDirectoryOrThrow(keyScope(key), params.id);
  const rows = await listDirectorySyncs({ organizationId: directory.organizationId, directoryId: directory.id, limit: limit + 1, before: after });
  const page = rows.slice(0, limit);
  return apiJson({ data: page.map((s) => toApiDirectorySync(directory.id, s)), next_cursor: rows.length > limit ? page.at(-1)!.id : null });
});

// POST /api/v1/directories/{id}/syncs: sync a Google Workspace directory now, through the job queue.
export const POST = withApiKey<{ id: string }>(async ({ params, key }) => {
  await queueGoogleSync({ organizationId: keyScope(key), directoryId: params.id, trigger: "api", requestedBy: `api:${key.id}` });
  return apiJson({ directory_id: params.id, queued: true }, { status: 202 });
});
