import { setupLinkLifetimeSchema } from "@/lib/auth/create-setup-link";
import { z } from "zod";
import { nullableTimestamp, timestamp } from "./shared";

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
