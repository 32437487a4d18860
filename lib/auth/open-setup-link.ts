import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { hashToken } from "./scim-token";
import type { PortalSetupLink } from "./verify-portal-session";
import { generatePortalSessionToken, SETUP_LINK_PREFIX } from "./setup-link-token";

/** A portal session lasts a working day at most; the admin reopens the (bookmarkable) link to start another. */
const PORTAL_SESSION_MS = 12 * 60 * 60 * 1000;

export type OpenedSetupLink =
  | {
      ok: true;
      sessionId: string;
      sessionToken: string;
      sessionExpiresAt: Date;
      organization: { id: string; slug: string; name: string };
      setupLink: PortalSetupLink;
    }
  | { ok: false; reason: "unknown" }
  | { ok: false; reason: "expired" | "revoked"; organization: { name: string }; at: Date };

/**
 * Exchanges a setup link for a portal session. An expired or revoked link says so (and for which
 * organisation), so that the admin knows to ask for a new one rather than retrying.
 */
export async function openSetupLink({ token }: { token: string }): Promise<OpenedSetupLink> {
  if (!token.startsWith(SETUP_LINK_PREFIX) || token.length > 200) return { ok: false, reason: "unknown" };
  const link = await db.setupLink.findUnique({ where: { tokenHash: hashToken(token) }, include: { organization: true } });
  if (!link) return { ok: false, reason: "unknown" };
  const now = new Date();
  if (link.revokedAt) return { ok: false, reason: "revoked", organization: { name: link.organization.name }, at: link.revokedAt };
  if (link.expiresAt <= now) return { ok: false, reason: "expired", organization: { name: link.organization.name }, at: link.expiresAt };

  const { token: sessionToken, hash } = generatePortalSessionToken();
  const sessionExpiresAt = new Date(Math.min(link.expiresAt.getTime(), now.getTime() + PORTAL_SESSION_MS));
  const sessionId = newId("pss");
  await db.$transaction([
    db.portalSession.create({
      data: { id: sessionId, organizationId: link.organizationId, setupLinkId: link.id, tokenHash: hash, expiresAt: sessionExpiresAt },
    }),
    db.setupLink.update({ where: { id: link.id }, data: { lastUsedAt: now } }),
  ]);
  const { id, slug, name } = link.organization;
  return {
    ok: true, sessionId, sessionToken, sessionExpiresAt, organization: { id, slug, name },
    setupLink: { id: link.id, intent: link.intent, expiresAt: link.expiresAt, prefix: link.prefix, createdBy: link.createdBy, issuerRole: link.issuerRole },
  };
}
