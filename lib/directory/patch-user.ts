import { transaction } from "@/lib/db/sql";
import { applyPatch } from "@/lib/scim/patch";
import type { PatchOperation } from "@/lib/scim/requests";
import type { ScimResourceRecord } from "@/lib/scim/resources";
import { loadUserGroups } from "./load-user-groups";
import { lockUserOrThrow } from "./lock-user-or-throw";
import { saveUserAttributes } from "./save-user-attributes";

/**
 * PATCH /Users/{id} (RFC 7644 §3.5.2). All operations apply to the locked row in memory, then one write;
 * any failing operation throws before anything is written. A PATCH that changes nothing writes nothing.
 */
export async function patchUser(
  { directoryId, userId, operations, ifMatch }: { directoryId: string; userId: string; operations: PatchOperation[]; ifMatch?: string | null },
): Promise<ScimResourceRecord> {
  return transaction(async (tx) => {
    const user = await lockUserOrThrow(tx, { directoryId, userId, ifMatch });
    const result = applyPatch(user.attributes, operations, "User", { id: userId });
    if (!result.changed) {
      const groups = (await loadUserGroups(tx, directoryId, [userId])).get(userId) ?? [];
      return { ...user, groups };
    }
    return saveUserAttributes(tx, { directoryId, userId, attributes: result.resource });
  });
}
