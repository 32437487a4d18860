import { z } from "zod";
import { hashToken } from "@/lib/auth/scim-token";
import { sql } from "@/lib/db/sql";
import { GOOGLE_DIRECTORY_SCOPES } from "@/lib/directory-pull/google/google-config";
import { queueGoogleSync } from "@/lib/directory-pull/google/queue-google-syncs";
import { saveGoogleConnection } from "@/lib/directory-pull/google/sync-google-directory";
import { DomainError } from "@/lib/domain-error";
import { googleOAuthClient } from "./google-oauth-client";
import { setUpPulledDirectory } from "./set-up-pulled-directory";

/** Google's redirect back: `code` and `state` after consent, `error` (access_denied…) when it was refused. */
export const googleCallbackQuerySchema = z.object({
  state: z.string().max(200).optional(),
  code: z.string().max(2000).optional(),
  error: z.string().max(200).optional(),
});

/** Why connecting failed; the portal says each in words (GOOGLE_CONNECTION_PROBLEMS). */
export type GoogleConnectionProblem = "denied" | "google_error" | "state" | "exchange" | "no_refresh_token" | "scopes" | "conflict";

export type GoogleConnectionResult = { ok: true; directoryId: string } | { ok: false; problem: GoogleConnectionProblem };

/**
 * Finishes connecting Google Workspace when Google sends the admin back: the state must be one this portal session
 * started, unused and unexpired (it is used up here, whatever follows); the code is exchanged for a refresh token,
 * which is stored sealed like OIDC client secrets; the Google directory is created (or reconnected) and its first
 * sync queued. A refusal, a forged or replayed state and a partial consent change nothing.
 */
export async function completeGoogleConnection(
  { organizationId, portalSessionId, connectedBy, query }: { organizationId: string; portalSessionId: string; connectedBy: string; query: z.output<typeof googleCallbackQuerySchema> },
): Promise<GoogleConnectionResult> {
  if (!query.state) return { ok: false, problem: "state" };
  const [claimed] = await sql.query<{ syncMode: "FULL" | "DEPROVISION_ONLY" }>(
    `UPDATE "GoogleOAuthState" SET "usedAt" = now()
      WHERE "stateHash" = $1 AND "organizationId" = $2 AND "portalSessionId" = $3 AND "usedAt" IS NULL AND "expiresAt" > now()
      RETURNING "syncMode"::text AS "syncMode"`,
    [hashToken(query.state), organizationId, portalSessionId],
  );
  if (!claimed) return { ok: false, problem: "state" };
  if (query.error) return { ok: false, problem: query.error === "access_denied" ? "denied" : "google_error" };
  if (!query.code) return { ok: false, problem: "google_error" };

  const client = googleOAuthClient();
  let refreshToken: string | null | undefined;
  let scope: string | undefined;
  try {
    const { tokens } = await client.getToken(query.code);
    refreshToken = tokens.refresh_token;
    scope = tokens.scope;
  } catch {
    return { ok: false, problem: "exchange" };
  }
  if (!refreshToken) return { ok: false, problem: "no_refresh_token" };
  // Google's consent screen lets the admin untick scopes; a directory that cannot read groups would delete them all.
  if (scope !== undefined) {
    const granted = new Set(scope.split(/\s+/));
    if (!GOOGLE_DIRECTORY_SCOPES.every((s) => granted.has(s))) return { ok: false, problem: "scopes" };
  }

  const { directory } = await setUpPulledDirectory({ organizationId, source: "google", syncMode: claimed.syncMode, reuseExisting: true });
  await saveGoogleConnection({ organizationId, directoryId: directory.id, refreshToken, connectedBy });
  try {
    await queueGoogleSync({ organizationId, directoryId: directory.id, trigger: "portal", requestedBy: connectedBy });
  } catch (err) {
    // The connection is saved and due now (nextSyncAt), so the worker's schedule picks it up within a minute.
    if (err instanceof DomainError) throw err;
    console.error("Could not queue the first Google Workspace sync; the schedule will run it:", err);
  }
  return { ok: true, directoryId: directory.id };
}

/** What the portal says for each problem, saying who must act. */
export const GOOGLE_CONNECTION_PROBLEMS: Record<GoogleConnectionProblem, string> = {
  denied: "Google Workspace was not connected: access was declined on Google's consent screen. Nothing was changed. To connect, try again and choose Allow.",
  google_error: "Google Workspace was not connected: Google did not complete the sign-in. Nothing was changed. Try again; if it keeps happening, ask whoever runs Rollcall to check its Google OAuth client.",
  state: "This Google sign-in was not started from this setup session, or it expired or was already used. Nothing was changed. Start again with “Connect Google Workspace”.",
  exchange: "Google did not accept the sign-in (the code expired or the Google OAuth client is misconfigured). Nothing was changed. Try again; if it keeps happening, ask whoever runs Rollcall.",
  no_refresh_token: "Google did not grant offline access, so Rollcall could not keep the directory in sync. Nothing was changed. Try again and allow access.",
  conflict: "Directory sync is already set up for your organisation another way, so Google Workspace was not connected. Manage it on the Done page.",
  scopes: "Not every requested permission was allowed. Rollcall needs to read users, groups and group members (read-only). Nothing was changed. Try again and allow all three.",
};
