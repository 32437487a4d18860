import { listActiveScimTokens } from "@/lib/auth/list-scim-tokens";
import { db } from "@/lib/db/client";
import { scimBaseUrl } from "@/lib/directory/scim-base-url";

/**
 * The directory the portal set up for this organisation, with its SCIM base URL and the tokens that still work
 * (their prefixes, never the tokens), or null before directory sync is set up.
 */
export async function getPortalDirectory({ organizationId }: { organizationId: string }) {
  const progress = await db.setupProgress.findUnique({ where: { organizationId }, select: { directoryId: true } });
  if (!progress?.directoryId) return null;
  const directory = await db.directory.findFirst({ where: { id: progress.directoryId, organizationId } });
  if (!directory) return null;
  const tokens = await listActiveScimTokens({ directoryId: directory.id, organizationId });
  return { directory, scimBaseUrl: scimBaseUrl(directory.id), tokens };
}
