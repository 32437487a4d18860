import type { ScimRequestLog } from "@/lib/audit/scim-request-log";
import { transaction } from "@/lib/db/sql";
import { recordEvent } from "@/lib/events/record-event";
import { userEventData } from "./event-data";
import { lockResourceOrThrow } from "./lock-resource-or-throw";
import { deactivateAccountOfUser } from "./sync-account";
import type { ProvisioningDirectory } from "./types";

/**
 * DELETE /Users/{id}: the SCIM resource and its memberships go (a second DELETE is 404, RFC 7644 §3.6);
 * the account stays, deactivated, with its sessions revoked. The event carries the user's last state.
 */
export async function deleteUser({ directory, userId, ifMatch, log }: { directory: ProvisioningDirectory; userId: string; ifMatch?: string | null; log?: ScimRequestLog }) {
  await transaction(async (tx) => {
    const user = await lockResourceOrThrow(tx, { resourceType: "User", directoryId: directory.id, id: userId, ifMatch });
    log?.about("User", userId, String(user.attributes.userName ?? ""));
    log?.action("user.deleted");
    await deactivateAccountOfUser(tx, { directory, userId, log });
    await recordEvent(tx, {
      type: "dsync.user.deleted",
      organizationId: directory.organizationId,
      directoryId: directory.id,
      data: { ...userEventData(directory, user), state: "inactive" },
    });
    await tx.execute(`DELETE FROM "DirectoryUser" WHERE "directoryId" = $1 AND "id" = $2`, [directory.id, userId]);
    await log?.writeIn(tx, 204);
  });
}
