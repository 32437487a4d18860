import { z } from "zod";
import { sql } from "@/lib/db/sql";
import { DomainError } from "@/lib/domain-error";
import { parseInput } from "@/lib/validation";
import { loadWebhookAttempts } from "./load-webhook-attempts";
import { toWebhookDelivery, WEBHOOK_DELIVERY_COLUMNS, type WebhookDeliveryRow, type WebhookDeliveryView } from "./to-webhook-delivery";
import { WEBHOOK_DELIVERY_STATUSES } from "./webhook-schemas";

export const listWebhookDeliveriesInputSchema = z.object({
  /**
   * An organisation-scoped caller passes its organisation and sees only deliveries of its events (to its own
   * endpoints and to global ones); another organisation's are invisible.
   */
  organizationId: z.string().min(1).optional(),
  /**
   * Only deliveries to endpoints this organisation owns. An organisation's API key passes its own: a global
   * endpoint belongs to the operator, and its attempts hold the operator's responses (SSRF, issue 12).
   */
  endpointOwnerId: z.string().min(1).optional(),
  endpointId: z.string().min(1).optional(),
  eventId: z.string().min(1).optional(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
  /** The `nextCursor` of the previous page. */
  after: z.string().optional(),
  limit: z.number().int("must be a whole number").min(1, "must be between 1 and 200").max(200, "must be between 1 and 200").default(50),
});

/** Newest first, each with its attempts in order. */
export async function listWebhookDeliveries(
  input: z.input<typeof listWebhookDeliveriesInputSchema> = {},
): Promise<{ data: WebhookDeliveryView[]; nextCursor: string | null }> {
  const { organizationId, endpointOwnerId, endpointId, eventId, status, after, limit } = parseInput(listWebhookDeliveriesInputSchema, input);
  const params: unknown[] = [limit + 1];
  const where: string[] = [];
  if (organizationId !== undefined) where.push(`d."organizationId" = $${params.push(organizationId)}`);
  if (endpointOwnerId !== undefined) where.push(`w."organizationId" = $${params.push(endpointOwnerId)}`);
  if (endpointId !== undefined) where.push(`d."endpointId" = $${params.push(endpointId)}`);
  if (eventId !== undefined) where.push(`d."eventId" = $${params.push(eventId)}`);
  if (status !== undefined) where.push(`d.status = $${params.push(status)}::"WebhookDeliveryStatus"`);
  if (after !== undefined) {
    const position = decodeDeliveryCursor(after);
    where.push(`(d."createdAt", d.id) < ($${params.push(position.createdAt)}::timestamptz, $${params.push(position.id)})`);
  }
  const rows = await sql.query<WebhookDeliveryRow>(
    `SELECT ${WEBHOOK_DELIVERY_COLUMNS}
     FROM "WebhookDelivery" d JOIN "Event" e ON e.id = d."eventId" JOIN "WebhookEndpoint" w ON w.id = d."endpointId"
     ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY d."createdAt" DESC, d.id DESC
     LIMIT $1`,
    params,
  );
  const page = rows.slice(0, limit);
  const attempts = await loadWebhookAttempts(page.map((r) => r.id));
  const last = page.at(-1);
  return {
    data: page.map((row) => toWebhookDelivery(row, attempts.get(row.id) ?? [])),
    nextCursor: rows.length > limit && last ? encodeDeliveryCursor(last) : null,
  };
}

function encodeDeliveryCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.getTime()}:${row.id}`, "utf8").toString("base64url");
}

function decodeDeliveryCursor(cursor: string): { createdAt: Date; id: string } {
  const match = /^(\d{1,15}):(dlv_[0-9a-z]{26})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw new DomainError("INVALID_INPUT", "after: not a cursor returned by this list", "after");
  return { createdAt: new Date(Number(match[1])), id: match[2]! };
}
