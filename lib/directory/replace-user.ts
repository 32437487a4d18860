import { transaction } from "@/lib/db/sql";
import type { UserBody } from "@/lib/scim/requests";
import type { ScimResourceRecord } from "@/lib/scim/resources";
import { lockUserOrThrow } from "./lock-user-or-throw";
import { saveUserAttributes } from "./save-user-attributes";

/** PUT /Users/{id} (RFC 7644 §3.5.1): the body replaces every writable attribute. */
export async function replaceUser(
  { directoryId, userId, body, ifMatch }: { directoryId: string; userId: string; body: UserBody; ifMatch?: string | null },
): Promise<ScimResourceRecord> {
  return transaction(async (tx) => {
    await lockUserOrThrow(tx, { directoryId, userId, ifMatch });
    return saveUserAttributes(tx, { directoryId, userId, attributes: body.attributes });
  });
}
