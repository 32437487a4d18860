import { createHash, randomBytes } from "node:crypto";

/** Greppable by secret scanners, and tells a support engineer at a glance what was pasted. */
export const SCIM_TOKEN_PREFIX = "rc_scim_";

/** How much of a token is kept, in clear, to tell tokens apart in lists: the prefix plus 6 characters. */
const DISPLAY_LENGTH = SCIM_TOKEN_PREFIX.length + 6;

/** SHA-256, hex. Tokens carry 256 random bits, so a fast unsalted hash is enough to make the stored value useless. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A new bearer token: 32 random bytes, base64url. The caller shows it once and stores only `hash` and `prefix`. */
export function generateScimToken(): { token: string; hash: string; prefix: string } {
  const token = `${SCIM_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, hash: hashToken(token), prefix: scimTokenPrefix(token) };
}

/** The part of a token that may be shown and logged: what lists and audit trails name it by. */
export function scimTokenPrefix(token: string): string {
  return token.slice(0, DISPLAY_LENGTH);
}
