import { z } from "zod";
import { sql } from "@/lib/db/sql";
import { parseInput } from "@/lib/validation";
import { toWebhookEndpoint, WEBHOOK_ENDPOINT_COLUMNS, type WebhookEndpointView } from "./to-webhook-endpoint";

export const listWebhookEndpointsInputSchema = z.object({
  /** An organisation-scoped caller passes its organisation and sees only its endpoints (never global ones). */
  organizationId: z.string().min(1).optional(),
});

export async function listWebhookEndpoints(input: z.input<typeof listWebhookEndpointsInputSchema> = {}): Promise<WebhookEndpointView[]> {
  const { organizationId } = parseInput(listWebhookEndpointsInputSchema, input);
  const rows = await sql.query<WebhookEndpointView>(
    `SELECT ${WEBHOOK_ENDPOINT_COLUMNS} FROM "WebhookEndpoint"
     WHERE ($1::text IS NULL OR "organizationId" = $1)
     ORDER BY "createdAt", id`,
    [organizationId ?? null],
  );
  return rows.map(toWebhookEndpoint);
}
