import { z } from "zod";
import { EVENT_TYPES } from "./event-types";

/** Where webhooks go: an absolute http(s) URL. Other schemes (file:, ftp:, javascript:) are never fetched. */
export const webhookUrlSchema = z
  .string()
  .trim()
  .max(2048, "must be at most 2048 characters")
  .pipe(z.url({ protocol: /^https?$/, error: "must be an absolute http:// or https:// URL" }));

/** Empty means every event type. */
export const webhookEventTypesSchema = z
  .array(z.enum(EVENT_TYPES, { error: "must be a known event type" }))
  .default([])
  .transform((types) => [...new Set(types)]);

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "succeeded", "retrying", "dead"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];
