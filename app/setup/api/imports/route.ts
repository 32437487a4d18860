import { columnsFromQuery, importCsvQuerySchema } from "@/lib/api/schemas/directory-pulls";
import { toApiSyncCounts } from "@/lib/api/to-api-directory-sync";
import { portalPullDirectoryOrThrow } from "@/lib/actions/portal/portal-pull-directory";
import { importCsv, previewCsvImport } from "@/lib/directory-pull/csv/import-csv";
import { apiJson, parseRequest, queryOf } from "@/lib/http/api-response";
import { readCsvBody } from "@/lib/http/read-csv-body";
import { withPortalSession } from "@/lib/http/with-portal-session";
import { recordPortalAudit } from "@/lib/portal/record-portal-audit";
import { requestClientIp } from "@/lib/staff/request-client-ip";

export const dynamic = "force-dynamic";

// POST /setup/api/imports?mode=preview|apply (text/csv): the portal's CSV upload, with the same query as the
// management API's imports route; the directory is the portal session's own.
export const POST = withPortalSession(async ({ req, url, portal }) => {
  const query = parseRequest(importCsvQuerySchema, queryOf(url));
  const directory = await portalPullDirectoryOrThrow(portal.organization.id);
  const input = { organizationId: portal.organization.id, directoryId: directory.id, input: readCsvBody(req), columns: columnsFromQuery(query) };
  if (query.mode === "preview") {
    const p = await previewCsvImport(input);
    return apiJson({ mode: "preview", row_count: p.rowCount, problems: p.problems, counts: toApiSyncCounts(p.counts), would_hold: p.wouldHold });
  }
  const out = await importCsv({ ...input, skipInvalidRows: query.skip_invalid_rows, requestedBy: `portal:${portal.setupLink.prefix}`, trigger: "portal", fileName: query.file_name });
  await recordPortalAudit({
    actor: { organization: portal.organization, setupLink: portal.setupLink, sessionId: portal.sessionId, clientIp: requestClientIp((name) => req.headers.get(name)) },
    action: "directory_sync.csv_imported",
    target: { type: "directory_sync", id: out.syncId },
    detail: { status: out.status, rowCount: out.rowCount, problems: out.problems.length, fileName: query.file_name ?? null },
  });
  return apiJson({
    mode: "apply", id: out.syncId, status: out.status, message: out.message, row_count: out.rowCount, problems: out.problems,
    counts: out.counts ? toApiSyncCounts(out.counts) : null,
  }, { status: out.status === "succeeded" ? 201 : out.status === "held" ? 202 : 422 });
}, { covers: "dsync" });
