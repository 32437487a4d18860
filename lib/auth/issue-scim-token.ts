import type { DbTx } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { generateScimToken } from "./scim-token";

/**
 * Stores a new token for a directory and returns it in clear, the only time it exists outside the caller's
 * screen. The CLI, the setup portal and the admin console all come through here.
 */
export async function issueScimToken(tx: DbTx, { organizationId, directoryId }: { organizationId: string; directoryId: string }) {
  const { token, hash, prefix } = generateScimToken();
  const row = await tx.scimToken.create({
    data: { id: newId("tok"), organizationId, directoryId, tokenHash: hash, prefix },
  });
  return { token, id: row.id, prefix, createdAt: row.createdAt };
}
