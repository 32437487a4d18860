import { z } from "zod";
import { ConfigError } from "@/lib/config";

const url = z.url({ error: "must be an absolute http(s) URL" }).refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL");

const googleEnvSchema = z.object({
  GOOGLE_OAUTH_CLIENT_ID: z.string().trim().min(1, "must not be empty").optional(),
  GOOGLE_OAUTH_CLIENT_SECRET: z.string().min(1, "must not be empty").optional(),
  /** Where the Admin SDK is; tests point it at lib/testing/google-admin-stand-in.ts. */
  GOOGLE_API_BASE_URL: url.default("https://admin.googleapis.com/"),
  GOOGLE_OAUTH_TOKEN_URL: url.default("https://oauth2.googleapis.com/token"),
  GOOGLE_OAUTH_AUTH_URL: url.default("https://accounts.google.com/o/oauth2/v2/auth"),
});

export type GoogleConfig = {
  clientId: string;
  clientSecret: string;
  apiBaseUrl: string;
  tokenUrl: string;
  authUrl: string;
};

/**
 * The operator's Google OAuth client (README, "Google Workspace directories"). Undefined when it is not set up,
 * in which case the portal does not offer to connect Google.
 */
export function googleConfig(env: NodeJS.ProcessEnv = process.env): GoogleConfig | undefined {
  const parsed = googleEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${issue.path.join(".")} ${issue.message}`);
  }
  const c = parsed.data;
  if (!c.GOOGLE_OAUTH_CLIENT_ID || !c.GOOGLE_OAUTH_CLIENT_SECRET) {
    if (c.GOOGLE_OAUTH_CLIENT_ID || c.GOOGLE_OAUTH_CLIENT_SECRET) {
      throw new ConfigError("GOOGLE_OAUTH_CLIENT_ID and GOOGLE_OAUTH_CLIENT_SECRET must be set together");
    }
    return undefined;
  }
  return {
    clientId: c.GOOGLE_OAUTH_CLIENT_ID,
    clientSecret: c.GOOGLE_OAUTH_CLIENT_SECRET,
    apiBaseUrl: c.GOOGLE_API_BASE_URL.endsWith("/") ? c.GOOGLE_API_BASE_URL : `${c.GOOGLE_API_BASE_URL}/`,
    tokenUrl: c.GOOGLE_OAUTH_TOKEN_URL,
    authUrl: c.GOOGLE_OAUTH_AUTH_URL,
  };
}

/** The read-only directory scopes the customer's Google admin consents to (issue 14). */
export const GOOGLE_DIRECTORY_SCOPES = [
  "https://www.googleapis.com/auth/admin.directory.user.readonly",
  "https://www.googleapis.com/auth/admin.directory.group.readonly",
  "https://www.googleapis.com/auth/admin.directory.group.member.readonly",
];
