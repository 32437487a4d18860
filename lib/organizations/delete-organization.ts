import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/domain-error";

/**
 * Deletes an organisation and, by the schema's cascades, everything it owns: directories, tokens, users,
 * groups, accounts, sessions, the sync log, events, webhook endpoints and its API keys.
 */
export async function deleteOrganization({ organizationId }: { organizationId: string }) {
  const { count } = await db.organization.deleteMany({ where: { id: organizationId } });
  if (count === 0) throw new DomainError("NOT_FOUND", `Organization ${organizationId} not found`, "organization");
}
