import { createDirectory, type DIRECTORY_PROVIDERS, type SYNC_MODES } from "@/lib/directory/create-directory";
import { createOrganization } from "@/lib/organizations/create-organization";

let made = 0;

/**
 * A new organisation with one directory, for tests that need a tenant of their own. The slug is unique within the
 * test file, which has a database of its own (lib/testing/test-database.ts).
 */
export async function createTestDirectory({ name = "Test", provider = "okta", syncMode = "FULL" }: { name?: string; provider?: (typeof DIRECTORY_PROVIDERS)[number]; syncMode?: (typeof SYNC_MODES)[number] } = {}) {
  const organization = await createOrganization({ name: `${name} ${made}`, slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${made++}` });
  const { directory, token } = await createDirectory({ organizationId: organization.id, provider, syncMode });
  return { organizationId: organization.id, directoryId: directory.id, directory, token };
}
