import { MAX_SESSION_TTL_SECONDS } from "@/lib/auth/create-session";
import { z } from "zod";
import { accountSchema } from "./accounts";
import { nullableTimestamp, pageQuerySchema, timestamp } from "./shared";

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
