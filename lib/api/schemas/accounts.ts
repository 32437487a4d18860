import { z } from "zod";
import { nullableTimestamp, pageQuerySchema, timestamp } from "./shared";

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
