import { z } from "zod";

// The management API's schemas (STYLE rule 6), one file per domain under lib/api/schemas/, the way dub keeps
// one zod file per domain. Requests are parsed with them in the routes, and lib/api/openapi.ts turns the
// same objects into the OpenAPI document, so the two cannot disagree. The API speaks snake_case JSON; ids are
// the prefixed public ids (org_…, dir_…, usr_…). This file holds what every domain shares.

export const timestamp = z.string().meta({ format: "date-time", example: "2026-11-23T09:30:00.000Z" });
export const nullableTimestamp = timestamp.nullable();
export const cursor = z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters");

export function limitSchema({ max, fallback }: { max: number; fallback: number }) {
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

export const scimAttributes = z.record(z.string(), z.unknown()).describe("The SCIM resource as the identity provider sent it (never a password).");
