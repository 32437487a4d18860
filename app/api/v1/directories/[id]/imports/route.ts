import { columnsFromQuery, importCsvQuerySchema } from "@/lib/api/schemas/directory-pulls";
import { keyScope } from "@/lib/api/scope";
import { toApiSyncCounts } from "@/lib/api/to-api-directory-sync";
import { importCsv, previewCsvImport } from "@/lib/directory-pull/csv/import-csv";
import { apiJson, parseRequest, queryOf } from "@/lib/http/api-response";
import { readCsvBody } from "@/lib/http/read-csv-body";
import { withApiKey } from "@/lib/http/with-api-key";

// POST /api/v1/directories/{id}/imports?mode=preview|apply (text/csv): one user per row; users missing from
// the file are deactivated. A file with a bad row applies nothing unless skip_invalid_rows=true.
export const POST = withApiKey<{ id: string }>(async ({ req, url, params, key }) => {
  const query = parseRequest(importCsvQuerySchema, queryOf(url));
  const input = { organizationId: keyScope(key), directoryId: params.id, input: readCsvBody(req), columns: columnsFromQuery(query) };
  if (query.mode === "preview") {
    const p = await previewCsvImport(input);
    return apiJson({ mode: "preview", row_count: p.rowCount, problems: p.problems, counts: toApiSyncCounts(p.counts), would_hold: p.wouldHold });
  }
  const out = await importCsv({ ...input, skipInvalidRows: query.skip_invalid_rows, requestedBy: `api:${key.id}`, trigger: "api", fileName: query.file_name });
  const status = out.status === "succeeded" ? 201 : out.status === "held" ? 202 : 422;
  return apiJson({
    mode: "apply", id: out.syncId, status: out.status, message: out.message, row_count: out.rowCount, problems: out.problems,
    counts: out.counts ? toApiSyncCounts(out.counts) : null,
  }, { status });
});
