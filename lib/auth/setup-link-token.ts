import { randomBytes } from "node:crypto";
import { hashToken } from "./scim-token";

/** Greppable by secret scanners; a setup link is a credential for its organisation's portal until it expires. */
export const SETUP_LINK_PREFIX = "rc_setup_";

/** Greppable, and distinct from the link itself: the cookie of a portal session that a link opened. */
export const PORTAL_SESSION_PREFIX = "rc_portal_";

/** A new setup-link token: 32 random bytes, base64url, safe in a URL path. Only `hash` and `prefix` are stored. */
export function generateSetupLinkToken(): { token: string; hash: string; prefix: string } {
  const token = `${SETUP_LINK_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, SETUP_LINK_PREFIX.length + 6) };
}

export function generatePortalSessionToken(): { token: string; hash: string } {
  const token = `${PORTAL_SESSION_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, hash: hashToken(token) };
}
