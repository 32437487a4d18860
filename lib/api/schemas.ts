import ms from "ms";
import { setupLinkLifetimeSchema } from "@/lib/auth/create-setup-link";
import { z } from "zod";
import { MAX_SESSION_TTL_SECONDS } from "@/lib/auth/create-session";
import { DIRECTORY_PROVIDERS } from "@/lib/directory/create-directory";
import { EVENT_TYPES } from "@/lib/events/event-types";
import { WEBHOOK_DELIVERY_STATUSES, webhookEventTypesSchema, webhookUrlSchema } from "@/lib/events/webhook-schemas";
import { domainNameSchema, organizationNameSchema, organizationSlugSchema } from "@/lib/organizations/schemas";

// The management API's schemas (STYLE rule 6): requests are parsed with them in the routes, and
// lib/api/openapi.ts turns the same objects into the OpenAPI document, so the two cannot disagree.
// The API speaks snake_case JSON; ids are the prefixed public ids (org_…, dir_…, usr_…).

// ─── shared ────────────────────────────────────────────────────────────────────────────────────────────────

const timestamp = z.string().meta({ format: "date-time", example: "2026-11-23T09:30:00.000Z" });
const nullableTimestamp = timestamp.nullable();
const cursor = z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters");

function limitSchema({ max, fallback }: { max: number; fallback: number }) {
  return z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(max, `must be at most ${max}`)
    .default(fallback)
    .describe(`Page size, 1 to ${max}.`);
}

/** `?limit=&after=`: `after` is the `next_cursor` of the previous page. */
export const pageQuerySchema = z.object({
  limit: limitSchema({ max: 200, fallback: 50 }),
  after: cursor.optional().describe("The next_cursor of the previous page."),
});

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), next_cursor: z.string().nullable().describe("Pass as ?after= for the next page; null on the last page.") });
}

export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: "invalid_input" }),
      message: z.string(),
      fields: z.record(z.string(), z.string()).describe("Field-level messages, keyed by the field's name in the request."),
    }),
  })
  .meta({ id: "Error" });

export const idPathSchema = z.object({ id: z.string() });
export const directoryUserPathSchema = z.object({ id: z.string(), userId: z.string() });
export const directoryGroupPathSchema = z.object({ id: z.string(), groupId: z.string() });

// ─── organizations ─────────────────────────────────────────────────────────────────────────────────────────

export const organizationSchema = z
  .object({ id: z.string().meta({ example: "org_01jz8r3k5v9w2x4y6z8a0b2c4d" }), slug: z.string(), name: z.string(), domains: z.array(z.string()), created_at: timestamp, updated_at: timestamp })
  .meta({ id: "Organization" });

export const listOrganizationsQuerySchema = pageQuerySchema;

export const createOrganizationBodySchema = z.strictObject({
  name: organizationNameSchema,
  slug: organizationSlugSchema,
  domains: z.array(domainNameSchema).max(100, "must list at most 100 domains").default([]),
});

export const updateOrganizationBodySchema = z.strictObject({
  name: organizationNameSchema.optional(),
  slug: organizationSlugSchema.optional(),
  domains: z.array(domainNameSchema).max(100, "must list at most 100 domains").optional().describe("Replaces the list."),
});

// ─── directories ───────────────────────────────────────────────────────────────────────────────────────────

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
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "Directory" });

export const scimTokenInfoSchema = z
  .object({ prefix: z.string(), created_at: timestamp, last_used_at: nullableTimestamp, expires_at: nullableTimestamp.describe("Set while a rotated-out token is in its grace period.") })
  .meta({ id: "ScimTokenInfo" });

export const directoryDetailSchema = directorySchema.extend({ tokens: z.array(scimTokenInfoSchema).describe("Tokens that work now; never the token itself.") }).meta({ id: "DirectoryDetail" });

export const createdDirectorySchema = directorySchema
  .extend({ token: z.string().describe("The SCIM bearer token, shown this once.").meta({ example: "rc_scim_…" }) })
  .meta({ id: "CreatedDirectory" });

export const listDirectoriesQuerySchema = pageQuerySchema.extend({ organization: z.string().optional().describe("Only this organization's directories.") });

export const createDirectoryBodySchema = z.strictObject({
  organization_id: z.string().min(1, "must not be empty").optional().describe("Required with a global key; an organization's key may leave it out."),
  provider: z.enum(DIRECTORY_PROVIDERS, { error: `must be one of ${DIRECTORY_PROVIDERS.join(", ")}` }),
  sync_mode: syncModeSchema.default("full"),
  name: directoryNameSchema.optional(),
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

// ─── directory users and groups ────────────────────────────────────────────────────────────────────────────

const scimAttributes = z.record(z.string(), z.unknown()).describe("The SCIM resource as the identity provider sent it (never a password).");

export const directoryUserSchema = z
  .object({
    id: z.string().meta({ example: "usr_01jz8r3k5v9w2x4y6z8a0b2c4d" }),
    directory_id: z.string(),
    organization_id: z.string(),
    user_name: z.string(),
    external_id: z.string().nullable(),
    email: z.string().nullable(),
    given_name: z.string().nullable(),
    family_name: z.string().nullable(),
    display_name: z.string().nullable(),
    active: z.boolean(),
    account_id: z.string().nullable().describe("The linked account, if any."),
    attributes: scimAttributes,
    version: z.number().int(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "DirectoryUser" });

export const directoryUserDetailSchema = directoryUserSchema
  .extend({ groups: z.array(z.object({ id: z.string(), display_name: z.string() })).describe("Groups the user is a direct member of.") })
  .meta({ id: "DirectoryUserDetail" });

export const listDirectoryUsersQuerySchema = pageQuerySchema.extend({
  group: z.string().trim().min(1, "must not be empty").optional().describe("Only direct members of this group."),
  state: z.enum(["active", "inactive"], { error: "must be active or inactive" }).optional(),
});

export const directoryGroupSchema = z
  .object({
    id: z.string().meta({ example: "grp_01jz8r3k5v9w2x4y6z8a0b2c4d" }),
    directory_id: z.string(),
    organization_id: z.string(),
    display_name: z.string(),
    external_id: z.string().nullable(),
    member_count: z.number().int(),
    attributes: scimAttributes,
    version: z.number().int(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "DirectoryGroup" });

export const groupMemberSchema = z
  .object({ id: z.string().describe("The member's directory user id."), user_name: z.string(), display_name: z.string().nullable(), email: z.string().nullable(), active: z.boolean() })
  .meta({ id: "GroupMember" });

export const directoryGroupDetailSchema = directoryGroupSchema
  .extend({
    members: z.array(groupMemberSchema).describe("One page of members, in id order."),
    members_next_cursor: z.string().nullable().describe("Pass as ?after= for the next page of members; null on the last."),
  })
  .meta({ id: "DirectoryGroupDetail" });

export const listDirectoryGroupsQuerySchema = pageQuerySchema;

export const getDirectoryGroupQuerySchema = z.object({
  limit: limitSchema({ max: 1000, fallback: 100 }).describe("Members per page, 1 to 1000."),
  after: cursor.optional().describe("The members_next_cursor of the previous page."),
});

// ─── accounts and sessions ─────────────────────────────────────────────────────────────────────────────────

export const accountSchema = z
  .object({
    id: z.string().meta({ example: "acc_01jz8r3k5v9w2x4y6z8a0b2c4d" }),
    organization_id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    status: z.enum(["active", "deactivated"]),
    source: z.enum(["scim", "jit", "manual"]),
    directory_user_id: z.string().nullable(),
    created_at: timestamp,
    updated_at: timestamp,
    deactivated_at: nullableTimestamp,
  })
  .meta({ id: "Account" });

export const listAccountsQuerySchema = pageQuerySchema.extend({
  status: z.enum(["active", "deactivated"], { error: "must be active or deactivated" }).optional(),
  email: z.string().trim().min(1, "must not be empty").optional().describe("Exact email, any case."),
});

export const createAccountBodySchema = z.strictObject({
  email: z.string().trim().max(320, "must be at most 320 characters").pipe(z.email({ error: "must be an email address" })),
  name: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters").optional(),
});

export const sessionSchema = z
  .object({
    id: z.string().meta({ example: "ses_01jz8r3k5v9w2x4y6z8a0b2c4d" }),
    account_id: z.string(),
    organization_id: z.string(),
    status: z.enum(["active", "revoked", "expired"]),
    created_at: timestamp,
    expires_at: timestamp,
    revoked_at: nullableTimestamp,
  })
  .meta({ id: "Session" });

export const createdSessionSchema = sessionSchema
  .extend({ token: z.string().describe("The session token, shown this once; only its SHA-256 is stored.").meta({ example: "rc_ses_…" }) })
  .meta({ id: "CreatedSession" });

export const listSessionsQuerySchema = pageQuerySchema;

export const createSessionBodySchema = z.strictObject({
  ttl_seconds: z
    .number({ error: "must be a whole number of seconds" })
    .int("must be a whole number of seconds")
    .min(60, "must be at least 60")
    .max(MAX_SESSION_TTL_SECONDS, `must be at most ${MAX_SESSION_TTL_SECONDS} (90 days)`)
    .optional()
    .describe("Lifetime of the session; 7 days when left out."),
});

export const verifySessionBodySchema = z.strictObject({ token: z.string().min(1, "must not be empty").max(500, "must be at most 500 characters") });

export const sessionVerificationSchema = z
  .union([
    z.object({ valid: z.literal(true), account: accountSchema, session: z.object({ id: z.string(), created_at: timestamp, expires_at: timestamp }) }),
    z.object({ valid: z.literal(false), reason: z.enum(["revoked", "expired", "account_deactivated", "unknown"]) }),
  ])
  .meta({ id: "SessionVerification" });

// ─── setup links ───────────────────────────────────────────────────────────────────────────────────────────

export const setupLinkSchema = z
  .object({
    id: z.string().meta({ example: "lnk_01jz8r3k5v9w2x4y6z8a0b2c4d" }),
    organization_id: z.string(),
    prefix: z.string().describe("The link token's first characters, to tell links apart; the token itself is not stored."),
    intent: z.enum(["sso", "dsync", "all"]).describe("What the portal lets its holder configure."),
    status: z.enum(["active", "expired", "revoked"]),
    created_by: z.string(),
    created_at: timestamp,
    expires_at: timestamp,
    last_used_at: nullableTimestamp,
    revoked_at: nullableTimestamp,
  })
  .meta({ id: "SetupLink" });

export const createdSetupLinkSchema = setupLinkSchema
  .extend({ url: z.string().describe("The link to send to the customer's IT admin, shown this once.").meta({ example: "https://rollcall.example.com/setup/rc_setup_…" }) })
  .meta({ id: "CreatedSetupLink" });

export const createSetupLinkBodySchema = z.strictObject({
  intent: z.enum(["sso", "dsync", "all"], { error: "must be sso, dsync or all" }).optional().describe("Defaults to all."),
  expires_in: setupLinkLifetimeSchema.optional().describe("How long the link works, such as 7d or 48h; at most 30d. Defaults to 7d."),
});

export const setupLinkPathSchema = z.object({ id: z.string().describe("Organization id (org_…)."), linkId: z.string().describe("Setup link id (lnk_…).") });

// ─── sync log ──────────────────────────────────────────────────────────────────────────────────────────────

const isoDateTime = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 date-time such as 2026-11-23T09:30:00Z" })
  .transform((value) => new Date(value));

export const syncLogEntrySchema = z
  .object({
    id: z.string().meta({ example: "log_01jz8r3k5v9w2x4y6z8a0b2c4d" }),
    created_at: timestamp,
    organization_id: z.string(),
    directory_id: z.string(),
    method: z.string(),
    path: z.string(),
    query: z.string().nullable(),
    status: z.number().int(),
    latency_ms: z.number().int(),
    token_prefix: z.string().nullable(),
    client_ip: z.string().nullable(),
    user_agent: z.string().nullable(),
    resource_type: z.string().nullable(),
    resource_id: z.string().nullable(),
    actions: z.array(z.string()).describe("What the request caused: user.created, user.deactivated, group.member_added, …"),
    subject: z.string().nullable().describe("The userName, email or group name the request was about."),
    scim_type: z.string().nullable(),
    error_detail: z.string().nullable(),
    request_body: z.unknown().describe("The request body with secrets redacted."),
    repeat_count: z.number().int().describe("How many requests the entry stands for: unauthenticated requests from one address are counted per minute in one entry; every other entry is 1."),
  })
  .meta({ id: "SyncLogEntry" });

export const listSyncLogQuerySchema = pageQuerySchema.extend({
  directory: z.string().trim().min(1, "must not be empty").optional(),
  organization: z.string().trim().min(1, "must not be empty").optional(),
  status: z
    .string()
    .regex(/^([1-5]xx|[1-5]\d\d)$/, "must be a status class (2xx, 4xx, 5xx) or a status code")
    .optional()
    .describe("A status class (2xx, 4xx, 5xx) or one status code."),
  action: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters").optional().meta({ example: "user.created" }),
  since: isoDateTime.optional().describe("Entries at or after this time."),
  until: isoDateTime.optional().describe("Entries before this time."),
  q: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters").optional().describe("Text in the userName, email or group name, any case; or a resource id."),
});

export const streamSyncLogQuerySchema = z.object({
  directory: z.string().trim().min(1, "must not be empty").optional(),
  organization: z.string().trim().min(1, "must not be empty").optional(),
  after: cursor.optional().describe("Resume after this entry id (EventSource sends it as Last-Event-ID on reconnect)."),
});

// ─── events ────────────────────────────────────────────────────────────────────────────────────────────────

export const eventSchema = z
  .object({
    id: z.string().meta({ example: "evt_01jz8r3k5v9w2x4y6z8a0b2c4d" }),
    type: z.string().meta({ example: "user.created" }),
    organization_id: z.string(),
    directory_id: z.string().nullable(),
    data: z.unknown(),
    created_at: timestamp,
  })
  .meta({ id: "Event" });

export const listEventsQuerySchema = z.object({
  after: cursor.optional().describe("The next_cursor of the previous page; leave out to start at the beginning of the feed."),
  types: z
    .string()
    .transform((value) => value.split(",").map((t) => t.trim()).filter(Boolean))
    .pipe(z.array(z.enum(EVENT_TYPES, { error: `must list known event types: ${EVENT_TYPES.join(", ")}` })))
    .optional()
    .describe(`Comma-separated event types: ${EVENT_TYPES.join(", ")}.`),
  organization: z.string().trim().min(1, "must not be empty").optional(),
  limit: limitSchema({ max: 1000, fallback: 100 }),
});

export const eventPageSchema = z
  .object({ data: z.array(eventSchema), next_cursor: z.string().describe("Always present: pass it as ?after= to read on; a page shorter than limit means the feed is caught up for now.") })
  .meta({ id: "EventPage" });

// ─── webhooks ──────────────────────────────────────────────────────────────────────────────────────────────

export const webhookEndpointSchema = z
  .object({
    id: z.string().meta({ example: "whk_01jz8r3k5v9w2x4y6z8a0b2c4d" }),
    organization_id: z.string().nullable().describe("null: receives every organization's events."),
    url: z.string(),
    event_types: z.array(z.string()).describe("Empty: every type."),
    secret_prefix: z.string(),
    enabled: z.boolean(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "WebhookEndpoint" });

export const createdWebhookEndpointSchema = webhookEndpointSchema
  .extend({ secret: z.string().describe("The signing secret, shown this once.") })
  .meta({ id: "CreatedWebhookEndpoint" });

export const listWebhookEndpointsQuerySchema = z.object({ organization: z.string().trim().min(1, "must not be empty").optional().describe("Only this organization's endpoints.") });

export const createWebhookEndpointBodySchema = z.strictObject({
  url: webhookUrlSchema,
  organization_id: z
    .string()
    .min(1, "must not be empty")
    .nullish()
    .describe("The organization whose events it receives. An organization's key may leave it out; null (or absent with a global key) makes a global endpoint, which needs a global key."),
  event_types: webhookEventTypesSchema.describe("Event types to send; empty or absent: all."),
});

export const webhookDeliveryStatusSchema = z.enum(WEBHOOK_DELIVERY_STATUSES, { error: `must be one of ${WEBHOOK_DELIVERY_STATUSES.join(", ")}` });

export const webhookAttemptSchema = z
  .object({
    attempt: z.number().int(),
    started_at: timestamp,
    latency_ms: z.number().int(),
    status_code: z.number().int().nullable().describe("null when no HTTP response came back; then `error` says why."),
    error: z.string().nullable(),
    response_excerpt: z.string().nullable().describe("The first kilobyte of the response body."),
  })
  .meta({ id: "WebhookAttempt" });

export const webhookDeliverySchema = z
  .object({
    id: z.string().meta({ example: "dlv_01jz8r3k5v9w2x4y6z8a0b2c4d" }),
    endpoint_id: z.string(),
    event_id: z.string(),
    event_type: z.string(),
    organization_id: z.string().describe("The organization of the event."),
    status: webhookDeliveryStatusSchema,
    attempts: z.number().int().describe("Attempts started so far."),
    next_attempt_at: nullableTimestamp.describe("When the next attempt is due; null when none is scheduled."),
    last_attempt_at: nullableTimestamp,
    created_at: timestamp,
    attempt_log: z.array(webhookAttemptSchema),
  })
  .meta({ id: "WebhookDelivery" });

export const listWebhookDeliveriesQuerySchema = pageQuerySchema.extend({
  endpoint: z.string().trim().min(1, "must not be empty").optional(),
  status: webhookDeliveryStatusSchema.optional(),
});
