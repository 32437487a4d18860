import { DIRECTORY_PROVIDERS } from "@/lib/directory/create-directory";
import { HEALTH_STATES } from "@/lib/directory-health/connection-health";
import ms from "ms";
import { z } from "zod";
import { nullableTimestamp, pageQuerySchema, timestamp } from "./shared";

export const SYNC_MODE_NAMES = { full: "FULL", "deprovision-only": "DEPROVISION_ONLY" } as const;
export const syncModeSchema = z
  .enum(["full", "deprovision-only"], { error: "must be full or deprovision-only" })
  .describe("full: SCIM creates, updates and deactivates accounts and syncs groups. deprovision-only: accounts are made at SSO sign-in; SCIM only deactivates.");
const directoryNameSchema = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");

export const directorySchema = z
  .object({
    id: z.string().meta({ example: "dir_01jz8r3k5v9w2x4y6z8a0b2c4d" }),
    organization_id: z.string(),
    name: z.string(),
    provider: z.enum(DIRECTORY_PROVIDERS),
    sync_mode: syncModeSchema,
    status: z.enum(["pending", "active", "disabled"]).describe("pending until the identity provider's first authenticated request."),
    scim_base_url: z.string().describe("Give this to the identity provider (Entra ID's Tenant URL, Okta's SCIM connector base URL)."),
    source: z.enum(["scim", "google", "csv"]).describe("scim: the identity provider pushes changes. google: Rollcall pulls Google Workspace's directory. csv: changes come from CSV imports."),
    last_sync_at: nullableTimestamp.describe("When the last pull (Google sync or CSV import) ended; null for SCIM directories."),
    next_sync_at: nullableTimestamp.describe("When the next scheduled Google Workspace sync is due."),
    last_sync_outcome: z.string().nullable().describe("succeeded, failed, held or discarded."),
    sync_problem: z.string().nullable().describe("Why the last pull failed or was held, in words; null once one succeeds."),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "Directory" });

export const scimTokenInfoSchema = z
  .object({ prefix: z.string(), created_at: timestamp, last_used_at: nullableTimestamp, expires_at: nullableTimestamp.describe("Set while a rotated-out token is in its grace period.") })
  .meta({ id: "ScimTokenInfo" });

export const connectionHealthSchema = z
  .object({
    state: z.enum(HEALTH_STATES).describe("awaiting_first_request, healthy, failing (401s, server errors or timeouts with nothing that worked since) or silent (nothing for longer than the provider's normal interval). The README lists the thresholds."),
    label: z.string().meta({ example: "Failing" }),
    since: nullableTimestamp.describe("Since when the state holds, as far as the sync log tells."),
    last_request_at: nullableTimestamp,
    last_successful_request_at: nullableTimestamp,
    reason: z.string().describe("What is going on, in words, naming the identity provider.").meta({ example: "Microsoft Entra ID has been sending a token that no longer works since 2 Dec 2026, 17:50 UTC: every request since then was refused (401)." }),
    fix: z.string().nullable().describe("What to do, in the identity provider's own words; null when nothing needs doing."),
  })
  .meta({ id: "ConnectionHealth" });

export const directoryDetailSchema = directorySchema
  .extend({
    tokens: z.array(scimTokenInfoSchema).describe("Tokens that work now; never the token itself."),
    connection_health: connectionHealthSchema.describe("Derived from the directory's recent SCIM requests; a change of state also sends dsync.connection.failing, .recovered or .silent."),
  })
  .meta({ id: "DirectoryDetail" });

export const createdDirectorySchema = directorySchema
  .extend({ token: z.string().nullable().describe("The SCIM bearer token, shown this once; null for a pulled directory (google, csv), which takes no SCIM writes.").meta({ example: "rc_scim_…" }) })
  .meta({ id: "CreatedDirectory" });

export const listDirectoriesQuerySchema = pageQuerySchema.extend({ organization: z.string().optional().describe("Only this organization's directories.") });

export const createDirectoryBodySchema = z.strictObject({
  organization_id: z.string().min(1, "must not be empty").optional().describe("Required with a global key; an organization's key may leave it out."),
  provider: z.enum(DIRECTORY_PROVIDERS, { error: `must be one of ${DIRECTORY_PROVIDERS.join(", ")}` }),
  sync_mode: syncModeSchema.default("full"),
  name: directoryNameSchema.optional(),
  source: z.enum(["scim", "google", "csv"], { error: "must be scim, google or csv" }).default("scim")
    .describe("scim (default): a SCIM URL and token for the identity provider. google: connect Google Workspace in the setup portal, then Rollcall pulls it. csv: import CSV files."),
  sync_interval_minutes: z.number().int().min(5, "must be at least 5").max(1440, "must be at most 1440").optional().describe("google: minutes between scheduled syncs (default 30)."),
  deactivation_guard_percent: z.number().int().min(1, "must be between 1 and 100").max(100, "must be between 1 and 100").optional()
    .describe("google, csv: a pull that would deactivate more than this share of the active users is held for approval (default 30)."),
});

export const updateDirectoryBodySchema = z.strictObject({ name: directoryNameSchema.optional(), sync_mode: syncModeSchema.optional() });

/** "24h", "30m", "0", or a number of seconds. */
const graceSchema = z
  .union([z.number().int().min(0), z.string().trim().min(1)], { error: "must be a duration such as 24h, 30m or 0, or a number of seconds" })
  .transform((value, ctx) => {
    const milliseconds = typeof value === "number" ? value * 1000 : /^\d+$/.test(value) ? Number(value) * 1000 : ms(value as ms.StringValue);
    if (typeof milliseconds !== "number" || !Number.isFinite(milliseconds) || milliseconds < 0) {
      ctx.addIssue({ code: "custom", message: "must be a duration such as 24h, 30m or 0, or a number of seconds" });
      return z.NEVER;
    }
    return milliseconds;
  });

export const rotateScimTokenBodySchema = z.strictObject({
  grace: graceSchema.prefault("24h").describe("How long the directory's current tokens keep working: 24h, 30m, 0 or a number of seconds. Default 24h."),
  // Issue 15: a second rotation never shortens a grace period already promised to an older token, unless asked.
  shorten_promised_grace: z
    .boolean({ error: "must be true or false" })
    .default(false)
    .describe("true: older tokens still in a grace period stop at the new grace's end when that is sooner. Default false: a promised grace is kept."),
});

export const rotatedScimTokenSchema = z
  .object({
    directory_id: z.string(),
    token: z.string().describe("The new SCIM bearer token, shown this once."),
    prefix: z.string(),
    previous_tokens_expire_at: nullableTimestamp.describe("When the tokens that were active stop working; null if there were none."),
  })
  .meta({ id: "RotatedScimToken" });

export const revokeScimTokensQuerySchema = z.object({ prefix: z.string().trim().min(1, "must not be empty").optional().describe("Only the token whose display prefix starts with this; else every token.") });

export const revokedScimTokensSchema = z.object({ directory_id: z.string(), revoked: z.number().int() }).meta({ id: "RevokedScimTokens" });
