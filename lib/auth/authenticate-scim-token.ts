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
  tokenId: string; tokenHash: string; prefix: string; lastUsedAt: Date | null; expiresAt: Date | null;
  directoryId: string; organizationId: string; provider: string; syncMode: "FULL" | "DEPROVISION_ONLY"; status: "PENDING" | "ACTIVE" | "DISABLED"; name: string;
};

/** A token that works now, with what lib/auth/scim-principal-cache.ts needs to keep it: when it stops, when it was last used. */
export type ScimTokenMatch = { principal: ScimPrincipal; tokenHash: string; expiresAt: Date | null; lastUsedAt: Date | null };

/**
 * Resolves a bearer token for the directory named in the URL. The token must belong to that directory and be
 * neither revoked nor past its grace period. Every failure looks the same to the caller (null), so that a
 * token can't be probed against other directories. One indexed query: this runs on every SCIM request.
 */
export async function authenticateScimToken({ directoryId, token }: { directoryId: string; token: string }): Promise<ScimPrincipal | null> {
  const match = await findScimToken({ directoryId, token });
  if (!match) return null;
  await recordScimTokenUse(match.principal, match.lastUsedAt);
  return match.principal;
}

/** The looking up of authenticateScimToken, without recording the use. */
export async function findScimToken({ directoryId, token }: { directoryId: string; token: string }): Promise<ScimTokenMatch | null> {
  if (!isScimTokenShaped(token)) return null;
  const tokenHash = hashToken(token);
  const [row] = await sql.query<Row>(
    `SELECT t."id" AS "tokenId", t."tokenHash", t."prefix", t."lastUsedAt", t."expiresAt",
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
  return {
    principal: {
      directory: { id: row.directoryId, organizationId: row.organizationId, provider: row.provider, syncMode: row.syncMode, status: row.status, name: row.name },
      token: { id: row.tokenId, prefix: row.prefix },
    },
    tokenHash, expiresAt: row.expiresAt, lastUsedAt: row.lastUsedAt,
  };
}

export function isScimTokenShaped(token: string): boolean {
  return token.startsWith(SCIM_TOKEN_PREFIX) && token.length <= 200;
}

/**
 * Sets the token's lastUsedAt if the one known (`lastUsedAt`) is more than a minute old. Conditional, so concurrent
 * requests in the same minute produce one write between them. Returns whether it wrote.
 */
export async function recordScimTokenUse(principal: ScimPrincipal, lastUsedAt: Date | null, now = Date.now()): Promise<boolean> {
  if (!scimTokenUseIsDue(lastUsedAt, now)) return false;
  await sql.execute(
    `UPDATE "ScimToken" SET "lastUsedAt" = now() WHERE "id" = $1 AND "directoryId" = $2 AND ("lastUsedAt" IS NULL OR "lastUsedAt" < now() - interval '${LAST_USED_RESOLUTION_MS / 1000} seconds')`,
    [principal.token.id, principal.directory.id],
  );
  return true;
}

export function scimTokenUseIsDue(lastUsedAt: Date | null, now: number): boolean {
  return !lastUsedAt || now - lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS;
}
