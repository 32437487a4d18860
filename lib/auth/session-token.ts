import { randomBytes } from "node:crypto";
import { hashToken } from "./scim-token";

/** Greppable by secret scanners, and distinct from API keys and SCIM tokens. */
export const SESSION_TOKEN_PREFIX = "rc_ses_";

/** A new session token: 32 random bytes, base64url. The caller hands it out once and stores only `hash`. */
export function generateSessionToken(): { token: string; hash: string } {
  const token = `${SESSION_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, hash: hashToken(token) };
}
