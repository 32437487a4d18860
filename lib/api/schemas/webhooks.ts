import { WEBHOOK_DELIVERY_STATUSES, webhookEventTypesSchema, webhookUrlSchema } from "@/lib/events/webhook-schemas";
import { z } from "zod";
import { nullableTimestamp, pageQuerySchema, timestamp } from "./shared";

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
