/** The tenant a domain call acts for. Every query filters on `id` (and writes carry `organizationId`). */
export type DirectoryRef = { id: string; organizationId: string };
