import { config } from "@/lib/config";
import { db } from "@/lib/db/client";

/**
 * Whether sign-in may send a person back to `uri`: it must equal, character for character, an entry of
 * SSO_REDIRECT_URIS or of the stored allow-list. No prefix or pattern matching, so that no open redirect
 * (and no code sent to an attacker's page) can come from a look-alike URI (OAuth 2.0 Security BCP §4.1).
 */
export async function isRedirectUriAllowed(uri: string): Promise<boolean> {
  if (uri === "" || uri.length > 2048) return false;
  if (config().ssoRedirectUris.includes(uri)) return true;
  return (await db.ssoRedirectUri.findUnique({ where: { uri }, select: { id: true } })) !== null;
}
