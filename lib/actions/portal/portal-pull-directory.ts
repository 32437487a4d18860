import { DomainError } from "@/lib/domain-error";
import { getPortalDirectory } from "@/lib/portal/get-portal-directory";

/** The portal's own directory, which must be a pulled one (Google Workspace or CSV); the organisation comes from the session. */
export async function portalPullDirectoryOrThrow(organizationId: string) {
  const found = await getPortalDirectory({ organizationId });
  if (!found) throw new DomainError("NOT_FOUND", "Directory sync is not set up yet.");
  if (found.directory.source === "scim") throw new DomainError("INVALID_INPUT", "Your directory is pushed by your identity provider over SCIM; there is nothing to pull.");
  return found.directory;
}
