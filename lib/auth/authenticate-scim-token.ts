import { timingSafeEqual } from "node:crypto";
import { sql } from "@/lib/db/sql";
import { hashToken, SCIM_TOKEN_PREFIX } from "./scim-token";

/** lastUsedAt is a support aid, not an audit trail: one write a minute per token is plenty. */
const LAST_USED_RESOLUTION_MS = 60_000;

export type ScimPrincipal = {
  directory: { id: string; organizationId: string; provider: string; syncMode: "FULL" | "DEPROVISION_ONLY"; status: "PENDING" | "ACTIVE" | "DISABLED"; name: string };
  token: { id: string; prefix: string };
};

type Row = {
  tokenId: string; tokenHash: string; prefix: string; lastUsedAt: Date | null;
  directoryId: string; organizationId: string; provider: string; syncMode: "FULL" | "DEPROVISION_ONLY"; status: "PENDING" | "ACTIVE" | "DISABLED"; name: string;
};

/**
 * Resolves a bearer token for the directory named in the URL. The token must belong to that directory and be
 * neither revoked nor past its grace period. Every failure looks the same to the caller (null), so that a
 * token can't be probed against other directories. One indexed query: this runs on every SCIM request.
 */
export async function authenticateScimToken({ directoryId, token }: { directoryId: string; token: string }): Promise<ScimPrincipal | null> {
  if (!token.startsWith(SCIM_TOKEN_PREFIX) || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const [row] = await sql.query<Row>(
    `SELECT t."id" AS "tokenId", t."tokenHash", t."prefix", t."lastUsedAt",
            d."id" AS "directoryId", d."organizationId", d."provider", d."syncMode", d."status", d."name"
       FROM "ScimToken" t
       JOIN "Directory" d ON d."id" = t."directoryId" AND d."organizationId" = t."organizationId"
      WHERE t."tokenHash" = $1 AND t."directoryId" = $2 AND t."revokedAt" IS NULL AND (t."expiresAt" IS NULL OR t."expiresAt" > now())`,
    [tokenHash, directoryId],
    "scim_authenticate_token",
  );
  // The lookup is by hash through a unique index; comparing again in constant time costs nothing and keeps
  // the check honest if the query is ever changed to a prefix lookup.
  if (!row || !timingSafeEqual(Buffer.from(row.tokenHash, "hex"), Buffer.from(tokenHash, "hex"))) return null;

  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // Conditional, so concurrent requests in the same minute produce one write between them.
    await sql.execute(
      `UPDATE "ScimToken" SET "lastUsedAt" = now() WHERE "id" = $1 AND "directoryId" = $2 AND ("lastUsedAt" IS NULL OR "lastUsedAt" < now() - interval '${LAST_USED_RESOLUTION_MS / 1000} seconds')`,
      [row.tokenId, directoryId],
    );
  }
  return {
    directory: { id: row.directoryId, organizationId: row.organizationId, provider: row.provider, syncMode: row.syncMode, status: row.status, name: row.name },
    token: { id: row.tokenId, prefix: row.prefix },
  };
}
