/** A webhook endpoint as shown to its owner: never the secret, only its first characters. */
export type WebhookEndpointView = {
  id: string;
  /** null: a global endpoint, which receives every organisation's events. */
  organizationId: string | null;
  url: string;
  eventTypes: string[];
  enabled: boolean;
  secretPrefix: string;
  createdAt: Date;
  updatedAt: Date;
};

export const WEBHOOK_ENDPOINT_COLUMNS = `id, "organizationId", url, COALESCE("eventTypes", '{}') AS "eventTypes", enabled, "secretPrefix", "createdAt", "updatedAt"`;

export function toWebhookEndpoint(row: WebhookEndpointView): WebhookEndpointView {
  return {
    id: row.id,
    organizationId: row.organizationId,
    url: row.url,
    eventTypes: row.eventTypes,
    enabled: row.enabled,
    secretPrefix: row.secretPrefix,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
