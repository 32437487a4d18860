import { OAuth2Client } from "google-auth-library";
import { config } from "@/lib/config";
import { DomainError } from "@/lib/domain-error";
import { googleConfig, type GoogleConfig } from "@/lib/directory-pull/google/google-config";

/** Where Google sends the admin back after consent: it must be an authorised redirect URI of the operator's OAuth client. */
export function googleRedirectUri(appUrl = config().appUrl): string {
  return `${appUrl}/setup/google/callback`;
}

/** The operator's Google OAuth client, pointed at the configured endpoints (tests: the local stand-in). */
export function googleOAuthClient(google: GoogleConfig | undefined = googleConfig()): OAuth2Client {
  if (!google) {
    throw new DomainError("INVALID_INPUT", "Google Workspace is not set up on this Rollcall server (its Google OAuth client is missing): ask whoever runs it, or import CSV files instead.", "source");
  }
  return new OAuth2Client({
    clientId: google.clientId,
    clientSecret: google.clientSecret,
    redirectUri: googleRedirectUri(),
    endpoints: { oauth2AuthBaseUrl: google.authUrl, oauth2TokenUrl: google.tokenUrl },
  });
}
