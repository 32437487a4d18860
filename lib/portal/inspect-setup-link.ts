import { hashToken } from "@/lib/auth/scim-token";
import { SETUP_LINK_PREFIX } from "@/lib/auth/setup-link-token";
import { setupLinkStatus } from "@/lib/auth/list-setup-links";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";

export type SetupLinkInspection =
  | { status: "active"; organization: { name: string } }
  | { status: "unknown"; contact: string | undefined }
  | { status: "expired" | "revoked"; organization: { name: string }; at: Date; contact: string | undefined };

/**
 * What the page at a setup link shows, without opening a session: mail scanners fetch every link, and a GET
 * must neither consume the link nor start a session. An unknown token learns nothing beyond "not valid" and the
 * operator's contact; an expired or revoked one names its organisation's contact, or else the operator's.
 */
export async function inspectSetupLink({ token }: { token: string }): Promise<SetupLinkInspection> {
  const operatorContact = config().supportContact;
  if (!token.startsWith(SETUP_LINK_PREFIX) || token.length > 200) return { status: "unknown", contact: operatorContact };
  const link = await db.setupLink.findUnique({ where: { tokenHash: hashToken(token) }, include: { organization: { select: { name: true, supportContact: true } } } });
  if (!link) return { status: "unknown", contact: operatorContact };
  const status = setupLinkStatus(link);
  const organization = { name: link.organization.name };
  const contact = link.organization.supportContact ?? operatorContact;
  if (status === "revoked") return { status, organization, at: link.revokedAt!, contact };
  if (status === "expired") return { status, organization, at: link.expiresAt, contact };
  return { status, organization };
}
