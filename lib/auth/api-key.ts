import { randomBytes } from "node:crypto";
import { hashToken } from "./scim-token";

/** Greppable by secret scanners, and distinct from SCIM tokens so a key pasted into the wrong place is obvious. */
export const API_KEY_PREFIX = "rc_key_";

/** How much of a key is kept, in clear, to tell keys apart in lists: the prefix plus 6 characters. */
export const API_KEY_DISPLAY_LENGTH = API_KEY_PREFIX.length + 6;

/** A new management API key: 32 random bytes, base64url. The caller shows it once and stores only `hash` and `prefix`. */
export function generateApiKey(): { key: string; hash: string; prefix: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, hash: hashToken(key), prefix: key.slice(0, API_KEY_DISPLAY_LENGTH) };
}
