import { randomBytes } from "node:crypto";
import { z } from "zod";
import { sql } from "@/lib/db/sql";
import { DomainError } from "@/lib/domain-error";
import { newId } from "@/lib/ids";
import { parseInput } from "@/lib/validation";
import { sealSecret } from "./secret-box";
import { toWebhookEndpoint, WEBHOOK_ENDPOINT_COLUMNS, type WebhookEndpointView } from "./to-webhook-endpoint";
import { webhookEventTypesSchema, webhookUrlSchema } from "./webhook-schemas";

export const createWebhookEndpointInputSchema = z.object({
  /** null: a global endpoint, for every organisation's events. */
  organizationId: z.string().min(1).nullable(),
  url: webhookUrlSchema,
  eventTypes: webhookEventTypesSchema,
});

/** `whsec_` + 32 random bytes: the prefix lets secret scanners recognise a leaked one. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/**
 * Creates an endpoint and returns its signing secret in clear. This is the only time it is shown: the
 * database keeps it encrypted (it is needed in clear to sign, so a hash would not do).
 */
export async function createWebhookEndpoint(
  input: z.input<typeof createWebhookEndpointInputSchema>,
): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  const data = parseInput(createWebhookEndpointInputSchema, input);
  const id = newId("whk");
  const secret = generateWebhookSecret();
  try {
    const [row] = await sql.query<WebhookEndpointView>(
      `INSERT INTO "WebhookEndpoint" (id, "organizationId", url, "secretEncrypted", "secretPrefix", "eventTypes")
       VALUES ($1, $2, $3, $4, $5, $6::text[])
       RETURNING ${WEBHOOK_ENDPOINT_COLUMNS}`,
      [id, data.organizationId, data.url, sealSecret(secret, id), secret.slice(0, 12), data.eventTypes],
    );
    return { endpoint: toWebhookEndpoint(row!), secret };
  } catch (err) {
    // 23503: the organisation does not exist.
    if ((err as { code?: unknown }).code === "23503") throw new DomainError("NOT_FOUND", "Organization not found", "organizationId");
    throw err;
  }
}
