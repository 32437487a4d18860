import { sql } from "@/lib/db/sql";
import { DomainError } from "@/lib/domain-error";
import { openSecret, sealSecret } from "@/lib/events/secret-box";
import { getPullDirectoryOrThrow } from "../get-pull-directory-or-throw";
import { PullSourceError } from "../pull-source-error";
import { runDirectorySync, type RunDirectorySyncInput, type SyncOutcome } from "../run-directory-sync";
import { DEFAULT_BACKOFF, fetchGoogleSnapshot, type BackoffOptions } from "./fetch-google-snapshot";
import { googleConfig, type GoogleConfig } from "./google-config";

/**
 * Pulls a Google Workspace directory now: the whole directory through the Admin SDK, then one reconciliation.
 * A missing connection or a refusal by Google fails the sync in words (on the directory, in its history and as
 * `dsync.sync_failed`) and deactivates nobody.
 */
export async function syncGoogleDirectory(
  { organizationId, directoryId, trigger, requestedBy, config = googleConfig(), backoff = DEFAULT_BACKOFF }: {
    organizationId: string | undefined; directoryId: string; trigger: RunDirectorySyncInput["trigger"]; requestedBy: string;
    config?: GoogleConfig; backoff?: BackoffOptions;
  },
): Promise<SyncOutcome> {
  const directory = await getPullDirectoryOrThrow(organizationId, directoryId, "google");
  const [row] = await sql.query<{ googleRefreshToken: string | null }>(
    `SELECT "googleRefreshToken" FROM "Directory" WHERE "organizationId" = $1 AND "id" = $2`, [directory.organizationId, directory.id]);
  return runDirectorySync({
    organizationId: directory.organizationId, directoryId: directory.id, source: "google", trigger, requestedBy,
    fetchSnapshot: async () => {
      if (!config) throw new PullSourceError("Google Workspace is not set up on this Rollcall server (GOOGLE_OAUTH_CLIENT_ID and GOOGLE_OAUTH_CLIENT_SECRET): ask its operator.", "invalid");
      if (!row?.googleRefreshToken) throw new PullSourceError("This directory is not connected to Google Workspace yet: connect it in the setup portal.", "unauthorized");
      return fetchGoogleSnapshot({ config, refreshToken: openSecret(row.googleRefreshToken, `directory:${directory.id}:google`), backoff });
    },
  });
}

/** Stores the refresh token an admin's consent produced, sealed, and makes the directory due for a sync now. */
export async function saveGoogleConnection({ organizationId, directoryId, refreshToken, connectedBy }: { organizationId: string; directoryId: string; refreshToken: string; connectedBy: string }) {
  const updated = await sql.execute(
    `UPDATE "Directory" SET "googleRefreshToken" = $3, "googleConnectedBy" = $4, "syncProblem" = NULL, "nextSyncAt" = now(), "updatedAt" = now()
      WHERE "organizationId" = $1 AND "id" = $2 AND "source" = 'google'`,
    [organizationId, directoryId, sealSecret(refreshToken, `directory:${directoryId}:google`), connectedBy],
  );
  if (updated === 0) throw new DomainError("NOT_FOUND", "Google Workspace directory not found");
}
