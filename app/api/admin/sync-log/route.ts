import { z } from "zod";
import { listSyncLogView, syncLogViewQuerySchema } from "@/lib/audit/list-sync-log-view";
import { getDirectoryOrThrow } from "@/lib/directory/get-directory-or-throw";
import { apiJson, parseRequest, queryOf } from "@/lib/http/api-response";
import { withConsoleSession } from "@/lib/http/with-console-session";

const scopeSchema = z.object({
  organization: z.string().max(100).optional(),
  directory: z.string().max(100).optional(),
  /** `errors=only`: every 4xx and 5xx; an outcome chosen in the viewer narrows it further. */
  errors: z.enum(["only"], { error: "errors must be only" }).optional(),
});

// GET /api/admin/sync-log?organization=&directory=&errors=only&outcome=&action=&range=&since=&until=&q=&after=&limit=
// The console's sync log: across every organisation unless narrowed, for <SyncLogView>.
export const GET = withConsoleSession(async ({ url }) => {
  const { organization, directory, errors } = parseRequest(scopeSchema, queryOf(url));
  const filter = parseRequest(syncLogViewQuerySchema, url.searchParams);
  const directoryId = directory && (await getDirectoryOrThrow({ directoryId: directory, organizationId: organization })).id;
  const page = await listSyncLogView({ ...(errors && { status: "error" }), ...filter, organizationId: organization, directoryId });
  return apiJson(page);
});
