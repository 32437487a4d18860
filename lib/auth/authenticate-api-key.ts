import { timingSafeEqual } from "node:crypto";
import { sql } from "@/lib/db/sql";
import { API_KEY_PREFIX } from "./api-key";
import { hashToken } from "./scim-token";

/** lastUsedAt is a support aid, not an audit trail: one write a minute per key is plenty. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Who is calling the management API: a global key (organizationId null) or one organisation's. */
export type ApiKeyPrincipal = { id: string; organizationId: string | null };

type Row = { id: string; keyHash: string; organizationId: string | null; lastUsedAt: Date | null };

/**
 * Resolves a bearer key. Unknown, malformed and revoked keys all answer null, so that the caller can give
 * them one and the same 401. One indexed query: this runs on every API request.
 */
export async function authenticateApiKey(key: string): Promise<ApiKeyPrincipal | null> {
  if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) return null;
  const keyHash = hashToken(key);
  const [row] = await sql.query<Row>(
    `SELECT "id", "keyHash", "organizationId", "lastUsedAt" FROM "ApiKey" WHERE "keyHash" = $1 AND "revokedAt" IS NULL`,
    [keyHash],
  );
  if (!row || !timingSafeEqual(Buffer.from(row.keyHash, "hex"), Buffer.from(keyHash, "hex"))) return null;

  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // Conditional, so concurrent requests in the same minute produce one write between them.
    await sql.execute(
      `UPDATE "ApiKey" SET "lastUsedAt" = now() WHERE "id" = $1 AND ("lastUsedAt" IS NULL OR "lastUsedAt" < now() - interval '${LAST_USED_RESOLUTION_MS / 1000} seconds')`,
      [row.id],
    );
  }
  return { id: row.id, organizationId: row.organizationId };
}
