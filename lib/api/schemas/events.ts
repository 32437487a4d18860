import { EVENT_TYPES } from "@/lib/events/event-types";
import { z } from "zod";
import { cursor, limitSchema, timestamp } from "./shared";

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
