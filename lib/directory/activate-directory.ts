import { transaction } from "@/lib/db/sql";
import { recordEvent } from "@/lib/events/record-event";
import { forgetScimPrincipals } from "@/lib/auth/scim-principal-cache";

/**
 * The first authenticated request from the identity provider activates the directory, once: the
 * conditional update makes concurrent first requests emit one `dsync.activated` between them.
 */
export async function activateDirectory(directory: { id: string; organizationId: string; name: string; provider: string }) {
  await transaction(async (tx) => {
    const updated = await tx.execute(
      `UPDATE "Directory" SET "status" = 'ACTIVE', "updatedAt" = now() WHERE "id" = $1 AND "organizationId" = $2 AND "status" = 'PENDING'`,
      [directory.id, directory.organizationId],
    );
    if (updated === 0) return;
    await recordEvent(tx, {
      type: "dsync.activated",
      organizationId: directory.organizationId,
      directoryId: directory.id,
      data: { id: directory.id, organization_id: directory.organizationId, name: directory.name, provider: directory.provider, state: "active" },
    });
  });
  // The kept principals still say PENDING: without this each request would try to activate it again until notified.
  forgetScimPrincipals();
}
