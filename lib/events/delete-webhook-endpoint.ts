import { z } from "zod";
import { sql } from "@/lib/db/sql";
import { DomainError } from "@/lib/domain-error";
import { parseInput } from "@/lib/validation";

export const deleteWebhookEndpointInputSchema = z.object({
  id: z.string().min(1),
  /** An organisation-scoped caller can delete only its own endpoints; another's is NOT_FOUND. */
  organizationId: z.string().min(1).optional(),
});

/** Deletes the endpoint with its deliveries and attempts; their queued jobs find nothing and do nothing. */
export async function deleteWebhookEndpoint(input: z.input<typeof deleteWebhookEndpointInputSchema>): Promise<{ deleted: true }> {
  const { id, organizationId } = parseInput(deleteWebhookEndpointInputSchema, input);
  const count = await sql.execute(`DELETE FROM "WebhookEndpoint" WHERE id = $1 AND ($2::text IS NULL OR "organizationId" = $2)`, [id, organizationId ?? null]);
  if (count === 0) throw new DomainError("NOT_FOUND", "Webhook endpoint not found", "id");
  return { deleted: true };
}
