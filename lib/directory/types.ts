/** The tenant a domain call acts for. Every query filters on `id` (and writes carry `organizationId`). */
export type DirectoryRef = { id: string; organizationId: string };

/** What a SCIM write needs to know of its directory: the tenant and the sync mode. */
export type ProvisioningDirectory = DirectoryRef & { syncMode: "FULL" | "DEPROVISION_ONLY" };
