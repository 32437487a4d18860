import type { ScimRequestLog } from "@/lib/audit/scim-request-log";
import { transaction } from "@/lib/db/sql";
import { applyPatch } from "@/lib/scim/patch";
import type { PatchOperation } from "@/lib/scim/requests";
import type { ScimResourceRecord } from "@/lib/scim/resources";
import { loadUserGroups } from "./load-user-groups";
import { lockResourceOrThrow } from "./lock-resource-or-throw";
import { saveUserAttributes } from "./save-user-attributes";
import type { ProvisioningDirectory } from "./types";

/**
 * PATCH /Users/{id} (RFC 7644 §3.5.2). All operations apply to the locked row in memory, then one write;
 * any failing operation throws before anything is written. A PATCH that changes nothing writes nothing.
 */
export async function patchUser(
  { directory, userId, operations, ifMatch, log }: { directory: ProvisioningDirectory; userId: string; operations: PatchOperation[]; ifMatch?: string | null; log?: ScimRequestLog },
): Promise<ScimResourceRecord> {
  return transaction(async (tx) => {
    const user = await lockResourceOrThrow(tx, { resourceType: "User", directoryId: directory.id, id: userId, ifMatch });
    log?.about("User", userId, String(user.attributes.userName ?? ""));
    const result = applyPatch(user.attributes, operations, "User", { id: userId });
    if (!result.changed) {
      const groups = (await loadUserGroups(tx, directory.id, [userId])).get(userId) ?? [];
      return { ...user, groups };
    }
    const saved = await saveUserAttributes(tx, { directory, userId, previous: user.attributes, attributes: result.resource, log });
    return saved;
  });
}
