import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/domain-error";

/**
 * Stops the one active key whose display prefix starts with `prefix`, at once. A prefix that matches several
 * keys is refused rather than revoking more than the operator meant to.
 */
export async function revokeApiKey({ prefix }: { prefix: string }) {
  const matches = await db.apiKey.findMany({ where: { prefix: { startsWith: prefix }, revokedAt: null }, select: { id: true, prefix: true } });
  if (matches.length === 0) throw new DomainError("NOT_FOUND", `No active API key with prefix "${prefix}"`, "prefix");
  if (matches.length > 1) throw new DomainError("INVALID_INPUT", `Prefix "${prefix}" matches ${matches.length} active API keys; give more of it`, "prefix");
  const [match] = matches as [(typeof matches)[number]];
  const apiKey = await db.apiKey.update({ where: { id: match.id }, data: { revokedAt: new Date() } });
  return { apiKey };
}
