import { randomBytes } from "node:crypto";
import { z } from "zod";
import { sql } from "@/lib/db/sql";
import { DomainError } from "@/lib/domain-error";
import { isPublicAddress, resolveHost } from "@/lib/http/outbound-address";
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
  /**
   * True only for endpoints the operator registers (a global API key): Rollcall usually runs beside the host
   * product on a private network. An organisation's endpoints must reach public addresses (SSRF).
   */
  allowPrivateTargets: z.boolean().default(false),
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
  if (!data.allowPrivateTargets) await assertPublicWebhookUrl(data.url);
  const id = newId("whk");
  const secret = generateWebhookSecret();
  try {
    const [row] = await sql.query<WebhookEndpointView>(
      `INSERT INTO "WebhookEndpoint" (id, "organizationId", url, "secretEncrypted", "secretPrefix", "eventTypes", "allowPrivateTargets")
       VALUES ($1, $2, $3, $4, $5, $6::text[], $7)
       RETURNING ${WEBHOOK_ENDPOINT_COLUMNS}`,
      [id, data.organizationId, data.url, sealSecret(secret, id), secret.slice(0, 12), data.eventTypes, data.allowPrivateTargets],
    );
    return { endpoint: toWebhookEndpoint(row!), secret };
  } catch (err) {
    // 23503: the organisation does not exist.
    if ((err as { code?: unknown }).code === "23503") throw new DomainError("NOT_FOUND", "Organization not found", "organizationId");
    throw err;
  }
}

/**
 * Refuses, at registration, a URL whose host is or resolves to an address that is not public, so the caller
 * hears of it at once. This is a courtesy: the worker checks the address it actually connects to on every
 * delivery, which is what stops a name that is re-pointed later (DNS rebinding). A name that does not
 * resolve yet is accepted, and fails at delivery until it resolves to a public address.
 */
async function assertPublicWebhookUrl(url: string): Promise<void> {
  const { hostname } = new URL(url);
  const refused = (await resolveHost(hostname)).find((address) => !isPublicAddress(address));
  if (refused) {
    const where = hostname.replace(/^\[|\]$/g, "") === refused ? refused : `${hostname} (${refused})`;
    throw new DomainError("INVALID_INPUT", `must point at a public internet address; ${where} is a loopback, private or reserved address`, "url");
  }
}
