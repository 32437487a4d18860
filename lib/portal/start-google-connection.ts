import { randomBytes } from "node:crypto";
import { z } from "zod";
import { hashToken } from "@/lib/auth/scim-token";
import { sql } from "@/lib/db/sql";
import { SYNC_MODES } from "@/lib/directory/create-directory";
import { GOOGLE_DIRECTORY_SCOPES } from "@/lib/directory-pull/google/google-config";
import { DomainError } from "@/lib/domain-error";
import { newId } from "@/lib/ids";
import { parseInput } from "@/lib/validation";
import { getPortalDirectory } from "./get-portal-directory";
import { googleOAuthClient } from "./google-oauth-client";

export const startGoogleConnectionInputSchema = z.object({
  organizationId: z.string().min(1),
  portalSessionId: z.string().min(1),
  syncMode: z.enum(SYNC_MODES, { error: "Choose full provisioning or deprovision-only" }),
});

/** How long the admin has to consent at Google before the state expires. */
const STATE_MINUTES = 10;

/**
 * Starts connecting Google Workspace: the consent URL the portal sends the customer's Google admin to, for the
 * three read-only directory scopes, offline (a refresh token) and with the consent screen shown each time
 * (Google returns a refresh token only then). The `state` is random, bound to this portal session, used once,
 * and only its hash is stored: a callback that did not start here (CSRF, a replayed URL) is refused.
 */
export async function startGoogleConnection(input: z.input<typeof startGoogleConnectionInputSchema>): Promise<{ url: string }> {
  const { organizationId, portalSessionId, syncMode } = parseInput(startGoogleConnectionInputSchema, input);
  const client = googleOAuthClient();
  const existing = await getPortalDirectory({ organizationId });
  if (existing && existing.directory.source !== "google") {
    throw new DomainError("CONFLICT", "Directory sync is already set up for your organisation another way. Manage it on the Done page.", "source");
  }
  const state = randomBytes(32).toString("base64url");
  await sql.execute(
    `INSERT INTO "GoogleOAuthState" ("id", "organizationId", "portalSessionId", "stateHash", "syncMode", "expiresAt")
     VALUES ($1, $2, $3, $4, $5::text::"SyncMode", now() + make_interval(mins => $6))`,
    [newId("gos"), organizationId, portalSessionId, hashToken(state), existing?.directory.syncMode ?? syncMode, STATE_MINUTES],
  );
  const url = client.generateAuthUrl({ access_type: "offline", prompt: "consent", scope: GOOGLE_DIRECTORY_SCOPES, state, include_granted_scopes: false });
  return { url };
}
