import { z } from "zod";
import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/domain-error";
import { newId } from "@/lib/ids";
import { parseInput } from "@/lib/validation";
import { generateApiKey } from "./api-key";

export const createApiKeyInputSchema = z.object({
  /** null or absent: a global key, which sees every organisation. */
  organizationId: z.string().min(1).nullish(),
  name: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters").default("API key"),
});

/** Stores a new API key and returns it in clear, the only time it exists outside the caller's screen. */
export async function createApiKey(input: z.input<typeof createApiKeyInputSchema>) {
  const data = parseInput(createApiKeyInputSchema, input);
  if (data.organizationId) {
    const organization = await db.organization.findUnique({ where: { id: data.organizationId } });
    if (!organization) throw new DomainError("NOT_FOUND", "Organization not found", "organizationId");
  }
  const { key, hash, prefix } = generateApiKey();
  const apiKey = await db.apiKey.create({
    data: { id: newId("key"), organizationId: data.organizationId ?? null, name: data.name, keyHash: hash, prefix },
  });
  return { apiKey, key };
}
