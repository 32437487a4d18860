import { z } from "zod";
import { cursor, pageQuerySchema, timestamp } from "./shared";

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
