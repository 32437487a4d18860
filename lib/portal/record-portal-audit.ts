import type { PortalSetupLink } from "@/lib/auth/verify-portal-session";
import type { Prisma } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";

/** Who acted through the portal: the link (and who issued it), the session it opened, and the client's address. */
export type PortalActor = {
  organization: { id: string; slug: string };
  setupLink: Pick<PortalSetupLink, "id" | "prefix" | "createdBy">;
  sessionId: string | null;
  clientIp: string | null;
};

export type PortalAuditInput = {
  actor: PortalActor;
  /** What was done, as `<noun>.<verb>`: setup_link.opened, scim_token.rotated, sso_connection.saved… */
  action: string;
  target?: { type: string; id: string } | null;
  /** What changed; never a secret (a token is named by its prefix only). */
  detail?: Prisma.InputJsonValue;
};

/**
 * One line of the portal's audit trail (issue 12, item 4): a setup link is a bearer credential, so the trail
 * names the link, who issued it and the address it was used from, for admins to read in the console.
 */
export async function recordPortalAudit({ actor, action, target, detail }: PortalAuditInput) {
  return db.portalAuditEntry.create({
    data: {
      id: newId("aud"),
      organizationId: actor.organization.id,
      organizationSlug: actor.organization.slug,
      setupLinkId: actor.setupLink.id,
      setupLinkPrefix: actor.setupLink.prefix,
      setupLinkIssuedBy: actor.setupLink.createdBy,
      portalSessionId: actor.sessionId,
      action,
      targetType: target?.type ?? null,
      targetId: target?.id ?? null,
      detail: detail ?? undefined,
      clientIp: actor.clientIp,
    },
  });
}
