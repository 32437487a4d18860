import { hashToken } from "@/lib/auth/scim-token";
import { SETUP_LINK_PREFIX } from "@/lib/auth/setup-link-token";
import { setupLinkStatus } from "@/lib/auth/list-setup-links";
import { db } from "@/lib/db/client";

export type SetupLinkInspection =
  | { status: "active"; organization: { name: string } }
  | { status: "unknown" }
  | { status: "expired" | "revoked"; organization: { name: string }; at: Date };

/**
 * What the page at a setup link shows, without opening a session: mail scanners fetch every link, and a GET
 * must neither consume the link nor start a session. An unknown token learns nothing beyond "not valid".
 */
export async function inspectSetupLink({ token }: { token: string }): Promise<SetupLinkInspection> {
  if (!token.startsWith(SETUP_LINK_PREFIX) || token.length > 200) return { status: "unknown" };
  const link = await db.setupLink.findUnique({ where: { tokenHash: hashToken(token) }, include: { organization: { select: { name: true } } } });
  if (!link) return { status: "unknown" };
  const status = setupLinkStatus(link);
  if (status === "revoked") return { status, organization: link.organization, at: link.revokedAt! };
  if (status === "expired") return { status, organization: link.organization, at: link.expiresAt };
  return { status, organization: link.organization };
}
