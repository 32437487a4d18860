import type { ScimRequestLog } from "@/lib/audit/scim-request-log";
import { transaction } from "@/lib/db/sql";
import { keepStoredActive } from "@/lib/scim/active";
import type { UserBody } from "@/lib/scim/requests";
import type { ScimResourceRecord } from "@/lib/scim/resources";
import { lockResourceOrThrow } from "./lock-resource-or-throw";
import { saveUserAttributes } from "./save-user-attributes";
import type { ProvisioningDirectory } from "./types";

/** PUT /Users/{id} (RFC 7644 §3.5.1): the body replaces every writable attribute. */
export async function replaceUser(
  { directory, userId, body, ifMatch, log }: { directory: ProvisioningDirectory; userId: string; body: UserBody; ifMatch?: string | null; log?: ScimRequestLog },
): Promise<ScimResourceRecord> {
  return transaction(async (tx) => {
    const current = await lockResourceOrThrow(tx, { resourceType: "User", directoryId: directory.id, id: userId, ifMatch });
    // A PUT that leaves `active` out keeps the stored state: a removal never reactivates anyone (issue 12).
    const attributes = keepStoredActive(current.attributes, body.attributes);
    const user = await saveUserAttributes(tx, { directory, userId, previous: current.attributes, attributes, log });
    return user;
  });
}
