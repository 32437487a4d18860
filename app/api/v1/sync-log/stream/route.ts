import { keyScope, requestedOrganization } from "@/lib/api/scope";
import { streamSyncLogQuerySchema } from "@/lib/api/schemas/sync-log";
import { toApiSyncLogEntry } from "@/lib/api/serializers";
import { tailSyncLog } from "@/lib/audit/tail-sync-log";
import { getDirectoryOrThrow } from "@/lib/directory/get-directory-or-throw";
import { parseRequest, queryOf, sseResponse } from "@/lib/http/api-response";
import { withApiKey } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

// GET /api/v1/sync-log/stream?directory=: new entries as Server-Sent Events (`event: sync_log`, `id:` the entry id).
export const GET = withApiKey(async ({ req, url, key }) => {
  const { directory, organization, after } = parseRequest(streamSyncLogQuerySchema, queryOf(url));
  const organizationId = requestedOrganization(key, organization);
  const directoryId = directory && (await getDirectoryOrThrow({ directoryId: directory, organizationId: keyScope(key) })).id;
  const scope = { organizationId, directoryId };
  const resumeAfter = after ?? req.headers.get("last-event-id") ?? undefined;
  return sseResponse(async function* (signal) {
    for await (const entry of tailSyncLog({ scope, after: resumeAfter, signal })) yield { id: entry.id, event: "sync_log", data: toApiSyncLogEntry(entry) };
  }, { signal: req.signal });
});
