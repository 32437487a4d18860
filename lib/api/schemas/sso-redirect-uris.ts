import { z } from "zod";
import { nullableTimestamp } from "./shared";

// The allow-list of URLs that SSO sign-in may send people back to with a code: SSO_REDIRECT_URIS plus the
// entries stored through the API. The entries are checked by lib/sso (parse-redirect-uri), not here.

export const putSsoRedirectUrisBodySchema = z.strictObject({
  redirect_uris: z
    .array(z.string())
    .describe("The whole stored list, replacing the previous one. Each an absolute https URL (http only for localhost), matched exactly at sign-in; no # fragment."),
});

export const ssoRedirectUriSchema = z
  .object({
    uri: z.string(),
    source: z.enum(["environment", "api"]).describe("environment: from SSO_REDIRECT_URIS, which this API cannot change. api: stored through this API."),
    created_at: nullableTimestamp,
  })
  .meta({ id: "SsoRedirectUri" });

export const ssoRedirectUriListSchema = z.object({ data: z.array(ssoRedirectUriSchema) }).meta({ id: "SsoRedirectUriList" });
