import type { SetupLink } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";

export type SetupLinkStatus = "active" | "expired" | "revoked";

export function setupLinkStatus(link: Pick<SetupLink, "expiresAt" | "revokedAt">, now = new Date()): SetupLinkStatus {
  if (link.revokedAt) return "revoked";
  return link.expiresAt <= now ? "expired" : "active";
}

/** An organisation's setup links, newest first, each with its status. The token itself is never stored. */
export async function listSetupLinks({ organizationId }: { organizationId: string }) {
  const links = await db.setupLink.findMany({ where: { organizationId }, orderBy: { createdAt: "desc" } });
  const now = new Date();
  return links.map((link) => ({ ...link, status: setupLinkStatus(link, now) }));
}
