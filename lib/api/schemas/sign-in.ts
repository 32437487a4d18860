import { z } from "zod";
import { pageQuerySchema } from "./shared";

// The SSO sign-in part of the management API: the code exchange and the sign-in log (issue 11).

const timestamp = z.iso.datetime({ offset: true });

export const exchangeSignInCodeBodySchema = z.strictObject({
  code: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters").describe("The code from ?code= on your redirect_uri."),
  redirect_uri: z.string().min(1, "must not be empty").max(2048, "must be at most 2048 characters").describe("Exactly the redirect_uri the sign-in started with."),
  code_verifier: z
    .string()
    .regex(/^[A-Za-z0-9._~-]{43,128}$/, "must be 43 to 128 characters of A-Z a-z 0-9 . _ ~ - (RFC 7636)")
    .optional()
    .describe("PKCE: required when the sign-in started with a code_challenge."),
  session: z.boolean({ error: "must be true or false" }).optional().describe("Also start a session (rc_ses_…) for the account; deprovisioning revokes it."),
  session_ttl_seconds: z.number({ error: "must be a whole number of seconds" }).int("must be a whole number of seconds").min(60, "must be at least 60").max(90 * 86_400, "must be at most 90 days").optional(),
});

export const signInProfileSchema = z
  .object({
    id: z.string().nullable().describe("Rollcall's id of this IdP identity (sid_…), stable across sign-ins."),
    organization_id: z.string(),
    connection_id: z.string().nullable(),
    connection_type: z.enum(["saml", "oidc"]).nullable(),
    idp_id: z.string().describe("The IdP's stable subject: persistent NameID, Entra objectidentifier, or OIDC sub (tid:oid for Entra)."),
    idp_id_format: z.string(),
    email: z.string().nullable(),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    groups: z.array(z.object({ id: z.string(), name: z.string() })).describe("The linked directory user's groups; empty without one."),
    raw_attributes: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "SignInProfile" });

export const signInExchangeSchema = z
  .object({
    profile: signInProfileSchema,
    account: z.object({ id: z.string(), email: z.string(), status: z.literal("active"), source: z.enum(["scim", "jit", "manual"]), created: z.boolean() }).nullable(),
    session: z.object({ id: z.string(), token: z.string().describe("Shown this once."), expires_at: timestamp }).optional(),
  })
  .meta({ id: "SignInExchange" });

export const listSignInsQuerySchema = pageQuerySchema.extend({
  organization: z.string().trim().min(1, "must not be empty").optional().describe("Organization id; an organization's key sees only its own."),
  status: z.enum(["pending", "succeeded", "failed"], { error: "must be pending, succeeded or failed" }).optional(),
});

export const signInLogEntrySchema = z
  .object({
    id: z.string(),
    organization_id: z.string(),
    connection_id: z.string().nullable(),
    connection_type: z.enum(["saml", "oidc"]).nullable(),
    test: z.boolean().describe("A test sign-in from the setup portal: it creates no account."),
    status: z.enum(["pending", "succeeded", "failed"]),
    error: z.string().nullable().describe("access_denied, deprovisioned, not_provisioned, invalid_response, expired, invalid_request, …"),
    reason: z.string().nullable().describe("Why, in words, after a short tag (unsigned, wrong_audience, …)."),
    subject: z.string().nullable(),
    email: z.string().nullable(),
    account_id: z.string().nullable(),
    account_created: z.boolean(),
    redirect_uri: z.string().nullable(),
    created_at: timestamp,
    completed_at: timestamp.nullable(),
  })
  .meta({ id: "SignInLogEntry" });
