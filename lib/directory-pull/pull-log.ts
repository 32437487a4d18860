import { ScimRequestLog } from "@/lib/audit/scim-request-log";
import type { DirectoryRef } from "@/lib/directory/types";

export type PullSource = "google" | "csv";

/** The source's name in the sync log and in messages: "Google Workspace sync: created alice@acme.com". */
export const PULL_SOURCE_NAMES: Record<PullSource, string> = { google: "Google Workspace sync", csv: "CSV import" };

/**
 * The sync-log entry of one pulled change. It is the same entry a SCIM request writes, inside the change's
 * transaction, with method PULL and the path /pull/<source>/<sync id>, which lib/audit's describer reads to say
 * the change in words.
 */
export function pullLog(directory: DirectoryRef, source: PullSource, syncId: string): ScimRequestLog {
  return new ScimRequestLog({
    organizationId: directory.organizationId,
    directoryId: directory.id,
    method: "PULL",
    path: `/pull/${source}/${syncId}`,
    query: null,
    tokenPrefix: null,
    clientIp: null,
    userAgent: PULL_SOURCE_NAMES[source],
  });
}
